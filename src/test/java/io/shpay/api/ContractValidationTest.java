package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The router is built from shpay-v1.yaml: the operation's security scheme runs first, then the contract validates its
 * parameters and body, and a refused request is one problem naming every bad field, whatever part of the request it
 * is in. These would pass a request (or name fewer fields) with hand-written routes alone.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ContractValidationTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void aCallerWithoutCredentialsIsRefusedBeforeTheBodyIsJudged() {
    JsonObject badBody = new JsonObject().put("bankCode", 11).put("unexpectedField", true);

    HttpResponse<Buffer> anonymous = await(STACK.api().request(HttpMethod.POST, "/api/v1/fin-accounts")
        .sendJsonObject(badBody));
    HttpResponse<Buffer> merchantWithoutKey = await(STACK.api().request(HttpMethod.POST, "/api/v1/checkouts")
        .sendJsonObject(new JsonObject().put("amount", "lots")));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.bodyAsJsonObject().getString("code")).isEqualTo("unauthenticated");
    assertThat(merchantWithoutKey.statusCode()).isEqualTo(401);
  }

  @Test
  void badQueryParametersAreAllNamedAtOnce() {
    String key = await(STACK.merchant()).getString("apiKey");

    HttpResponse<Buffer> refused = await(STACK.api().request(HttpMethod.GET,
        "/api/v1/merchant/webhook/deliveries?status=lost&limit=1000").putHeader("X-Api-Key", key).send());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("validation_failed");
    assertThat(fields(refused)).containsExactlyInAnyOrder("status", "limit");
    assertThat(message(refused, "status")).contains("pending", "delivered", "failed");
    assertThat(message(refused, "limit")).isEqualTo("must be at most 100");
  }

  @Test
  void aHeaderAndBodyFieldsAreNamedTogether() {
    String key = await(STACK.merchant()).getString("apiKey");
    JsonObject body = new JsonObject().put("amount", 10.5).put("reason", "").put("note", "x");

    HttpResponse<Buffer> refused = await(STACK.api().request(HttpMethod.POST,
            "/api/v1/payments/" + UUID.randomUUID() + "/refunds")
        .putHeader("X-Api-Key", key).putHeader("Idempotency-Key", "has spaces").sendJsonObject(body));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(fields(refused)).containsExactlyInAnyOrder("Idempotency-Key", "amount", "reason", "note");
    assertThat(message(refused, "amount")).isEqualTo("must be a whole number of won");
    assertThat(message(refused, "reason")).isEqualTo("must not be empty");
    assertThat(message(refused, "note")).isEqualTo("is not a known field");
    assertThat(refused.bodyAsString()).as("values are never echoed").doesNotContain("has spaces");
  }

  /**
   * The contract takes any 1 to 255 visible ASCII characters as a key. vertx-openapi reads a string parameter as JSON
   * first, so keys that parse as a number, an array or a quoted string were refused as "not a string" (400).
   */
  @Test
  void anIdempotencyKeyIsTakenAsItsTextEvenWhenItReadsAsJson() {
    String key = await(STACK.merchant()).getString("apiKey");

    for (String idempotencyKey : List.of("-1", "2.5", "[1]", "\"quoted\"", "{}")) {
      HttpResponse<Buffer> answer = await(STACK.api().request(HttpMethod.POST,
              "/api/v1/payments/" + UUID.randomUUID() + "/refunds")
          .putHeader("X-Api-Key", key).putHeader("Idempotency-Key", idempotencyKey)
          .sendJsonObject(new JsonObject().put("amount", 10)));

      // Past the contract: the payment is not found.
      assertThat(answer.statusCode()).as(idempotencyKey).isEqualTo(404);
      assertThat(answer.bodyAsJsonObject().getString("code")).as(idempotencyKey).isEqualTo("not_found");
    }
  }

  @Test
  void aPathIdThatIsNotAnIdIsTheNotFoundOfAMissingOne() {
    String key = await(STACK.merchant()).getString("apiKey");

    HttpResponse<Buffer> malformed = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/not-an-id")
        .putHeader("X-Api-Key", key).send());
    HttpResponse<Buffer> missing = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + UUID.randomUUID())
        .putHeader("X-Api-Key", key).send());

    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(malformed.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
  }

  @Test
  void aWholeNumberWrittenWithAFractionIsRefusedByTheCodeCheckTheSchemaCannotState() {
    String key = await(STACK.merchant()).getString("apiKey");
    // JSON Schema counts 100.0 as an integer; SH Pay takes whole won written as a JSON integer only.
    Buffer body = Buffer.buffer("{\"orderId\":\"order-" + UUID.randomUUID() + "\",\"amount\":100.0,\"itemName\":\"Tea\"}");

    HttpResponse<Buffer> refused = await(STACK.api().request(HttpMethod.POST, "/api/v1/checkouts")
        .putHeader("X-Api-Key", key).putHeader("Content-Type", "application/json").sendBuffer(body));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(fields(refused)).containsExactly("amount");
    assertThat(message(refused, "amount")).isEqualTo("must be a whole number of won");
  }

  private static List<String> fields(HttpResponse<Buffer> problem) {
    return problem.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .map(error -> error.getString("field")).toList();
  }

  private static String message(HttpResponse<Buffer> problem, String field) {
    return problem.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .filter(error -> error.getString("field").equals(field)).map(error -> error.getString("message"))
        .findFirst().orElseThrow();
  }
}
