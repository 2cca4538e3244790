package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/**
 * A valid pay or checkout is judged by the checks read from its schema, without vertx-json-schema's interpreter (the
 * top frame of the service's profile); an invalid one gets the library's own full answer, which the problem is worded
 * from. The library's validator here is the real one, behind a counter of the values it was asked about.
 */
class FastPathValidatorTest {

  private static Vertx vertx;
  private static OpenAPIContract contract;
  private static OpenAPIContract library;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    ApiContract api = await(ApiContract.load(vertx));
    contract = api.contract();
    library = await(OpenAPIContract.from(vertx, ApiContract.forVertx(api.document())));
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  @Test
  void aValidPayNeverReachesTheLibrary() {
    Counting counted = new Counting(library.getSchemaRepository().validator(payBody(library)));
    Validator validator = new FastPathValidator(SchemaFastPath.of((JsonObject) payBody(library)), counted);

    OutputUnit answer = validator.validate(new JsonObject().put("accountId", UUID.randomUUID().toString()));

    assertThat(answer.getValid()).isTrue();
    assertThat(answer.getErrors()).isNull();
    assertThat(counted.calls).isZero();
  }

  @Test
  void anInvalidPayGetsTheLibrarysOwnAnswer() {
    Counting counted = new Counting(library.getSchemaRepository().validator(payBody(library)));
    Validator validator = new FastPathValidator(SchemaFastPath.of((JsonObject) payBody(library)), counted);
    JsonObject invalid = new JsonObject().put("accountId", "not-an-id").put("tip", 100);

    OutputUnit answer = validator.validate(invalid);

    assertThat(counted.calls).isEqualTo(1);
    assertThat(answer.getValid()).isFalse();
    assertThat(answer.toJson())
        .isEqualTo(library.getSchemaRepository().validator(payBody(library)).validate(invalid).toJson());
  }

  @Test
  void theRoutersContractPutsTheChecksInFrontOfTheHotRequestsSchemas() {
    Operation pay = contract.operation("payCheckout");
    Operation checkout = contract.operation("createCheckout");

    assertThat(contract.getSchemaRepository().validator(payBody(contract))).isInstanceOf(FastPathValidator.class);
    assertThat(contract.getSchemaRepository().validator(
        checkout.getRequestBody().getContent().get("application/json").getSchema()))
        .isInstanceOf(FastPathValidator.class);
    assertThat(pay.getParameters()).allSatisfy(parameter ->
        assertThat(contract.getSchemaRepository().validator(parameter.getSchema()))
            .as(parameter.getName()).isInstanceOf(FastPathValidator.class));
  }

  private static JsonSchema payBody(OpenAPIContract from) {
    return from.operation("payCheckout").getRequestBody().getContent().get("application/json").getSchema();
  }

  /** The library's validator, counting the values it judges. */
  private static final class Counting implements Validator {
    private final Validator validator;
    private int calls;

    Counting(Validator validator) {
      this.validator = validator;
    }

    @Override
    public OutputUnit validate(Object instance) {
      calls++;
      return validator.validate(instance);
    }
  }
}
