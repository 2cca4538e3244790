package io.shpay.webhook;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.HookReceiver;
import io.shpay.testing.PublishedSchemas;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Outcomes POSTed to the merchant's URL, signed, retried with growing gaps, every attempt on record. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MerchantWebhooksTest {

  private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  private static final String BASE = "/api/v1/merchant/webhook";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(EventTopics.isolated()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,history")
      .put("SHPAY_WEBHOOKS_SIGNING_SECRET", "test-webhook-master-secret-0123456789abcdef")
      .put("SHPAY_WEBHOOKS_ALLOW_INSECURE_URLS", true)
      .put("SHPAY_WEBHOOKS_FIRST_RETRY_AFTER", FIRST_RETRY.toString())
      .put("SHPAY_WEBHOOKS_GIVE_UP_AFTER", "PT1H")
      .put("SHPAY_WEBHOOKS_POLL_INTERVAL", "PT0.05S"), UnaryOperator.identity());

  private static HookReceiver receiver;

  @BeforeAll
  static void receiver() {
    receiver = await(HookReceiver.start(STACK.vertx(), 0));
  }

  @AfterAll
  static void closeReceiver() {
    await(receiver.close());
  }

  @Test
  void aSignedOutcomeIsRetriedUntilTakenListedWithEveryAttemptAndCanBeSentAgain() {
    String path = "/hooks/" + UUID.randomUUID();
    receiver.answer(500);
    JsonObject merchant = await(STACK.merchant());
    JsonObject otherMerchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));

    HttpResponse<Buffer> registered = await(register(merchant, receiver.url(path)));
    String secret = registered.bodyAsJsonObject().getString("signingSecret");
    assertThat(registered.statusCode()).isEqualTo(200);
    assertThat(registered.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(secret).startsWith("whsec_");

    String paymentId = await(STACK.paidCheckout(merchant, user, 8_000));
    HookReceiver.Received refused = await(receivedAt(path, 1)).get(0);
    JsonObject body = new JsonObject(refused.body());
    assertSigned(refused, secret);
    assertThat(body.getString("type")).isEqualTo("shpay.payment.approved");
    assertThat(body.getJsonObject("data").getJsonObject("payment").getString("id")).isEqualTo(paymentId);
    assertThat(refused.body()).as("the payer's identity stays with SH Pay")
        .doesNotContain("userId").doesNotContain("accountMasked");
    assertThat(refused.headers().get("SHPay-Event-Id")).isEqualTo(body.getString("id"));

    String deliveryId = refused.headers().get("SHPay-Delivery-Id");
    JsonObject waiting = await(deliveryOnceItIs(merchant, deliveryId, "PENDING", 1));
    assertThat(waiting.getInteger("lastStatusCode")).isEqualTo(500);

    STACK.clock().advance(FIRST_RETRY);
    JsonObject delivered = await(deliveryOnceItIs(merchant, deliveryId, "DELIVERED", 2));
    List<HookReceiver.Received> both = await(receivedAt(path, 2));
    assertSigned(both.get(1), secret);
    assertThat(both.get(1).headers().get("SHPay-Event-Id")).isEqualTo(body.getString("id"));
    assertThat(both.get(1).body()).isEqualTo(refused.body());
    JsonArray attempts = delivered.getJsonArray("attemptLog");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.getJsonObject(0).getInteger("statusCode")).isEqualTo(500);
    assertThat(attempts.getJsonObject(1).getInteger("statusCode")).isEqualTo(200);
    assertThat(delivered.getJsonObject("payload").getString("id")).isEqualTo(body.getString("id"));

    HttpResponse<Buffer> listed = await(merchantCall(merchant, HttpMethod.GET, BASE + "/deliveries?status=delivered").send());
    HttpResponse<Buffer> foreign = await(merchantCall(otherMerchant, HttpMethod.GET, BASE + "/deliveries/" + deliveryId).send());
    String rotated = await(merchantCall(merchant, HttpMethod.POST, BASE + "/secret").send())
        .bodyAsJsonObject().getString("signingSecret");
    assertThat(listed.bodyAsJsonObject().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("id"))).contains(deliveryId);
    assertThat(foreign.statusCode()).as("another merchant's delivery").isEqualTo(404);
    assertThat(rotated).isNotEqualTo(secret).startsWith("whsec_");

    HttpResponse<Buffer> resent = await(merchantCall(merchant, HttpMethod.POST, BASE + "/deliveries/" + deliveryId + "/resend").send());
    assertThat(resent.statusCode()).isEqualTo(202);
    List<HookReceiver.Received> three = await(receivedAt(path, 3));
    assertSigned(three.get(2), rotated);
    assertThat(signatureMatches(three.get(2), secret)).as("the old secret is void").isFalse();
    assertThat(three.get(2).headers().get("SHPay-Event-Id")).isEqualTo(body.getString("id"));
  }

  @Test
  void aDeliveryStillRefusedWhenItsTimeIsUpIsMarkedFailed() {
    String path = "/hooks/" + UUID.randomUUID();
    receiver.answer(503, 503);
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    await(register(merchant, receiver.url(path)));
    await(STACK.paidCheckout(merchant, user, 2_000));
    String deliveryId = await(receivedAt(path, 1)).get(0).headers().get("SHPay-Delivery-Id");
    await(deliveryOnceItIs(merchant, deliveryId, "PENDING", 1));

    // Past the one-hour give-up time, the next refusal is the last.
    STACK.clock().advance(Duration.ofMinutes(61));
    JsonObject failed = await(deliveryOnceItIs(merchant, deliveryId, "FAILED", 2));
    assertThat(failed.getString("nextAttemptAt")).isNull();
    assertThat(failed.getJsonArray("attemptLog")).hasSize(2);
  }

  @Test
  void endpointsAreValidatedAndNeedTheMerchantsKey() {
    JsonObject merchant = await(STACK.merchant());
    HttpResponse<Buffer> badScheme = await(register(merchant, "ftp://example.com/hook"));
    HttpResponse<Buffer> missing = await(merchantCall(merchant, HttpMethod.PUT, BASE).sendJsonObject(new JsonObject()));
    HttpResponse<Buffer> anonymous = await(STACK.api().request(HttpMethod.PUT, BASE)
        .sendJsonObject(new JsonObject().put("url", receiver.url("/x"))));
    HttpResponse<Buffer> badLimit = await(merchantCall(merchant, HttpMethod.GET, BASE + "/deliveries?limit=1000").send());
    assertThat(badScheme.statusCode()).isEqualTo(400);
    assertThat(field(badScheme)).isEqualTo("url");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(field(missing)).isEqualTo("url");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(field(badLimit)).isEqualTo("limit");
  }

  @Test
  void theSigningSecretIsShownOnCreationAndRotationOnly() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject created = await(register(merchant, receiver.url("/first"))).bodyAsJsonObject();
    JsonObject read = await(merchantCall(merchant, HttpMethod.GET, BASE).send()).bodyAsJsonObject();
    JsonObject moved = await(register(merchant, receiver.url("/moved"))).bodyAsJsonObject();
    HttpResponse<Buffer> rotated = await(merchantCall(merchant, HttpMethod.POST, BASE + "/secret").send());
    JsonObject readAfterRotation = await(merchantCall(merchant, HttpMethod.GET, BASE).send()).bodyAsJsonObject();

    String secret = created.getString("signingSecret");
    assertThat(secret).startsWith("whsec_");
    assertThat(read.fieldNames()).containsExactlyInAnyOrder("url", "secretVersion", "updatedAt");
    assertThat(read.encode()).doesNotContain(secret);
    assertThat(moved.getString("url")).endsWith("/moved");
    assertThat(moved.fieldNames()).as("a URL change keeps the secret and does not show it").doesNotContain("signingSecret");
    assertThat(rotated.getHeader("Cache-Control")).isEqualTo("no-store");
    String newSecret = rotated.bodyAsJsonObject().getString("signingSecret");
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
    assertThat(readAfterRotation.fieldNames()).doesNotContain("signingSecret");
    assertThat(readAfterRotation.getInteger("secretVersion")).isEqualTo(2);
  }


  private static String field(HttpResponse<Buffer> problem) {
    return problem.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field");
  }

  /**
   * What a merchant's receiver does, from the README's contract and not from SH Pay's signer:
   * {@code SHPay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, with a fresh {@code t};
   * and the same signature over a changed body does not verify.
   */
  private static void assertSigned(HookReceiver.Received request, String secret) {
    Map<String, String> parts = signatureParts(request);
    assertThat(signatureMatches(request, secret)).as("signature " + parts).isTrue();
    assertThat(hmacSha256Hex(secret, parts.get("t") + "." + request.body() + " ")).as("a changed body")
        .isNotEqualTo(parts.get("v1"));
    assertThat(Long.parseLong(parts.get("t"))).as("t is the sending time (SH Pay's clock), within 5 minutes")
        .isBetween(STACK.clock().instant().getEpochSecond() - 300, STACK.clock().instant().getEpochSecond() + 300);
  }

  private static boolean signatureMatches(HookReceiver.Received request, String secret) {
    Map<String, String> parts = signatureParts(request);
    byte[] expected = hmacSha256Hex(secret, parts.get("t") + "." + request.body()).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, parts.get("v1").getBytes(StandardCharsets.US_ASCII));
  }

  private static Map<String, String> signatureParts(HookReceiver.Received request) {
    Map<String, String> parts = new HashMap<>();
    for (String part : request.headers().get("SHPay-Signature").split(",")) {
      String[] kv = part.split("=", 2);
      parts.put(kv[0], kv[1]);
    }
    assertThat(parts).containsOnlyKeys("t", "v1");
    assertThat(parts.get("t")).matches("\\d{10}");
    assertThat(parts.get("v1")).matches("[0-9a-f]{64}");
    return parts;
  }

  private static String hmacSha256Hex(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static Future<HttpResponse<Buffer>> register(JsonObject merchant, String url) {
    return merchantCall(merchant, HttpMethod.PUT, BASE).sendJsonObject(new JsonObject().put("url", url));
  }

  private static HttpRequest<Buffer> merchantCall(JsonObject merchant, HttpMethod method, String path) {
    return STACK.api().request(method, path).putHeader("X-Api-Key", merchant.getString("apiKey"));
  }

  private static Future<List<HookReceiver.Received>> receivedAt(String path, int count) {
    return receiver.await(all -> all.stream().filter(r -> r.path().equals(path)).count() >= count,
            count + " requests at " + path)
        .map(all -> {
          List<HookReceiver.Received> atPath = all.stream().filter(r -> r.path().equals(path)).toList();
          atPath.forEach(request -> PublishedSchemas.assertWebhook(request.body()));
          return atPath;
        });
  }

  private static Future<JsonObject> deliveryOnceItIs(JsonObject merchant, String deliveryId, String status, int attempts) {
    return Eventually.until(STACK.vertx(),
            () -> merchantCall(merchant, HttpMethod.GET, BASE + "/deliveries/" + deliveryId).send(),
            seen -> seen.statusCode() == 200 && status.equals(seen.bodyAsJsonObject().getString("status"))
                && seen.bodyAsJsonObject().getInteger("attempts") == attempts,
            "saw delivery " + deliveryId + " " + status + " after " + attempts + " attempts")
        .map(HttpResponse::bodyAsJsonObject);
  }

}
