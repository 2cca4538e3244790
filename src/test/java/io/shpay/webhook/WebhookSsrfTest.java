package io.shpay.webhook;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.HookReceiver;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * With production settings (no {@code webhooks.allowInsecureUrls}) no webhook reaches SH Pay's own
 * network, however its host is written or whatever it resolves to by the time of delivery, and the
 * merchant learns nothing about what is there.
 */
class WebhookSsrfTest {

  private static final String BASE = "/api/v1/merchant/webhook";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(EventTopics.isolated()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,history")
      .put("SHPAY_WEBHOOKS_SIGNING_SECRET", "test-webhook-master-secret-0123456789abcdef")
      .put("SHPAY_WEBHOOKS_ALLOW_INSECURE_URLS", false)
      .put("SHPAY_WEBHOOKS_POLL_INTERVAL", "PT0.05S"), UnaryOperator.identity());

  private static HookReceiver internal;

  @BeforeAll
  static void start() throws Exception {
    internal = await(HookReceiver.start(STACK.vertx(), 0));
  }

  @AfterAll
  static void stop() throws Exception {
    await(internal.close());
  }

  @Test
  void internalHostsAreRefusedAtRegistrationWithOneGenericReason() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    List<String> hostile = List.of("https://redis/hook", "https://mysql.default.svc/hook", "https://localhost/hook",
        "https://vm/hook", "https://127.0.0.1/hook", "https://[::1]/hook", "https://[fd00::1]/hook",
        "https://100.64.0.1/hook", "https://169.254.169.254/latest/meta-data", "https://0.0.0.0/hook",
        "https://[::ffff:127.0.0.1]/hook", "https://10.0.0.8/hook", "https://no-such-host.invalid/hook");
    for (String url : hostile) {
      HttpResponse<Buffer> refused = await(register(merchant, url));
      assertThat(refused.statusCode()).as(url).isEqualTo(400);
      JsonObject error = refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("field")).isEqualTo("url");
      assertThat(error.getString("message")).as(url).isEqualTo("must point at a public host");
    }
    assertThat(await(register(merchant, internal.url("/plain-http"))).statusCode()).as("http in production")
        .isEqualTo(400);
  }

  @Test
  void aHostThatResolvesInsideByDeliveryTimeGetsNothingAndTheMerchantAGenericReason() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    // As if the name resolved to a public address at registration and to SH Pay's own host now (plain
    // http, so that only the address check stands between the sender and the internal receiver).
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    String port = Integer.toString(java.net.URI.create(internal.url("/")).getPort());
    await(STACK.mysql().preparedQuery("INSERT INTO merchant_webhooks (merchant_id, url, secret_version, created_at, updated_at)"
        + " VALUES (?, ?, 1, ?, ?)").execute(Tuple.of(merchant.getString("id"),
        "http://localhost:" + port + "/rebound", now, now)));

    String paymentId = await(STACK.paidCheckout(merchant, user, 1_000));
    JsonObject delivery = await(Eventually.until(STACK.vertx(),
        () -> merchantCall(merchant, HttpMethod.GET, BASE + "/deliveries").send(),
        seen -> seen.statusCode() == 200 && seen.bodyAsJsonObject().getJsonArray("items").stream()
            .map(JsonObject.class::cast).anyMatch(item -> paymentId.equals(item.getString("paymentId"))
                && item.getInteger("attempts") >= 1),
        "an attempted delivery")).bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> paymentId.equals(item.getString("paymentId"))).findFirst().orElseThrow();

    assertThat(internal.received()).as("nothing reached the internal receiver").isEmpty();
    assertThat(delivery.getString("lastError")).isEqualTo(WebhookSender.UNREACHABLE);
    assertThat(delivery.getInteger("lastStatusCode")).isNull();
    JsonArray attempts = await(merchantCall(merchant, HttpMethod.GET, BASE + "/deliveries/" + delivery.getString("id"))
        .send()).bodyAsJsonObject().getJsonArray("attemptLog");
    assertThat(attempts.getJsonObject(0).getString("error")).isEqualTo(WebhookSender.UNREACHABLE)
        .doesNotContain("127.0.0.1").doesNotContain("refused").doesNotContain(port);
  }

  private static Future<HttpResponse<Buffer>> register(JsonObject merchant, String url) {
    return merchantCall(merchant, HttpMethod.PUT, BASE).sendJsonObject(new JsonObject().put("url", url));
  }

  private static io.vertx.ext.web.client.HttpRequest<Buffer> merchantCall(JsonObject merchant, HttpMethod method,
      String path) {
    return STACK.api().request(method, path).putHeader("X-Api-Key", merchant.getString("apiKey"));
  }

}
