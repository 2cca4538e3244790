package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's contract hands out one validator per schema: vertx-openapi asks for one per parameter and body of
 * every request, and building one copies the document's whole schema map (40 % of the service's CPU under load).
 */
class CachedValidatorsUnitTest {

  private static Vertx vertx;
  private static OpenAPIContract contract;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    contract = await(ApiContract.load(vertx)).contract();
  }

  @AfterAll
  static void close() {
    await(vertx.close());
  }

  @Test
  void aSchemaGetsTheSameValidatorEveryTime() {
    JsonSchema body = checkoutBody();
    SchemaRepository repository = contract.getSchemaRepository();

    assertThat(repository.validator(body)).isSameAs(repository.validator(body));
  }

  @Test
  void theKeptValidatorStillJudgesEachValueOnItsOwn() {
    SchemaRepository repository = contract.getSchemaRepository();
    JsonObject good = new JsonObject().put("orderId", "order-1").put("amount", 1_000).put("itemName", "Socks");
    JsonObject bad = new JsonObject().put("orderId", "order-1").put("amount", "a lot").put("itemName", "Socks");

    assertThat(repository.validator(checkoutBody()).validate(good).getValid()).isTrue();
    assertThat(repository.validator(checkoutBody()).validate(bad).getValid()).isFalse();
    assertThat(repository.validator(checkoutBody()).validate(good).getValid()).isTrue();
  }

  private static JsonSchema checkoutBody() {
    return contract.operation("createCheckout").getRequestBody().getContent().get("application/json").getSchema();
  }
}
