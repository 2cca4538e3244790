package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A pay's Idempotency-Key has the payment row as its only record (the key and the request's fingerprint on the
 * payment, its status the key's answer), no statement of its own: a replay still answers the same bytes, a concurrent
 * duplicate is told 409 or the one payment, an answer lost after the payment committed is replayed once the bank's
 * answer is in, a first answer that was a client error is replayed as stored, another body with the key is refused,
 * and a key with a record (a stored answer, a claim from before) records no payment.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyInPaymentTransactionTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      // The client hears 503 while the pay goes on behind it (the NH call, slowed below, still answers in time).
      .put("SHPAY_HTTP_REQUEST_TIMEOUT", "PT6S")
      .put("SHPAY_NH_TIMEOUT", "PT20S"), UnaryOperator.identity());

  @AfterEach
  void clearFaults() {
    STACK.nh().faults().clear();
  }

  @Test
  void aPayWritesNoKeyRecordAndAReplayAnswersTheSameBytesFromThePayment() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_200));
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = await(pay(user, checkoutId, key));
    HttpResponse<Buffer> replay = await(pay(user, checkoutId, key));

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(records(user, key)).as("the payment is the key's record").isZero();
    assertThat(payments(checkoutId)).isEqualTo(1);
  }

  /** A claim a pay wrote before payments were their keys' records is answered by its payment, as it was then. */
  @Test
  void aClaimFromBeforeIsAnsweredByItsPayment() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_250));
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = await(pay(user, checkoutId, key));
    Buffer fingerprint = await(STACK.mysql().preparedQuery("SELECT request_fingerprint FROM payments WHERE checkout_id = ?")
        .execute(Tuple.of(checkoutId))).iterator().next().getBuffer("request_fingerprint");
    Instant now = Instant.now();
    await(claimAsBefore(scope(user), key, fingerprint, now));

    HttpResponse<Buffer> replay = await(pay(user, checkoutId, key));

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(200);
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(payments(checkoutId)).isEqualTo(1);
  }

  /** The payment holds the request's fingerprint: the same checkout asked with another body is not a replay. */
  @Test
  void theKeyWithAnotherBodyForTheSamePaidCheckoutIsRefused() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_350));
    String key = UUID.randomUUID().toString();
    HttpResponse<Buffer> first = await(pay(user, checkoutId, key));

    HttpResponse<Buffer> otherBody = await(STACK.api().request(HttpMethod.POST, "/api/v1/checkouts/" + checkoutId + "/pay")
        .bearerTokenAuthentication(user.getString("accessToken")).putHeader("Idempotency-Key", key)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{ \"accountId\" : \"" + user.getString("finAccountId") + "\" }")));

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(otherBody.statusCode()).as(otherBody.bodyAsString()).isEqualTo(422);
    assertThat(otherBody.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(records(user, key)).as("nothing stored for the other request").isZero();
    HttpResponse<Buffer> replay = await(pay(user, checkoutId, key));
    assertThat(replay.statusCode()).as("the first request's retry is still its replay").isEqualTo(200);
    assertThat(replay.bodyAsString()).isEqualTo(first.bodyAsString());
  }

  @Test
  void anAnswerLostAfterThePaymentCommittedIsReplayedAndARetryMeanwhileIsTold409() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_300));
    String key = UUID.randomUUID().toString();
    STACK.nh().faults().latency(Duration.ofSeconds(8));

    HttpResponse<Buffer> first = await(pay(user, checkoutId, key));
    HttpResponse<Buffer> meanwhile = await(pay(user, checkoutId, key));
    assertThat(first.statusCode()).as("timed out, the pay goes on: " + first.bodyAsString()).isEqualTo(503);
    assertThat(meanwhile.statusCode()).as(meanwhile.bodyAsString()).isEqualTo(409);
    assertThat(meanwhile.bodyAsJsonObject().getString("code")).isEqualTo("request_in_progress");

    await(Eventually.until(STACK.vertx(), () -> paymentStatus(checkoutId), "APPROVED"::equals,
        "the bank's late answer settled the payment"));
    HttpResponse<Buffer> replay = await(pay(user, checkoutId, key));

    assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(200);
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(payments(checkoutId)).isEqualTo(1);
  }

  @Test
  void concurrentRequestsWithOneKeyMakeOnePaymentAndAreToldItOr409() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_400));
    String key = UUID.randomUUID().toString();

    WebClient racing = STACK.racingClient();
    List<HttpResponse<Buffer>> answers = await(Future.all(List.of(
            STACK.pay(racing, user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key),
            STACK.pay(racing, user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key),
            STACK.pay(racing, user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key))))
        .list();
    HttpResponse<Buffer> settled = await(pay(user, checkoutId, key));

    String paymentId = settled.bodyAsJsonObject().getString("id");
    assertThat(settled.statusCode()).as(settled.bodyAsString()).isEqualTo(200);
    assertThat(answers).as("each is the one payment or 409 in progress")
        .allSatisfy(answer -> {
          if (answer.statusCode() == 200) {
            assertThat(answer.bodyAsJsonObject().getString("id")).isEqualTo(paymentId);
          } else {
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(409);
            assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo("request_in_progress");
          }
        })
        .anySatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
    assertThat(payments(checkoutId)).isEqualTo(1);
  }

  @Test
  void aKeyUsedForAnotherRequestIsRefusedAndAClientErrorIsReplayedAsStored() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_500));
    String key = UUID.randomUUID().toString();
    String noSuchAccount = UUID.randomUUID().toString();

    HttpResponse<Buffer> refused = await(STACK.pay(user.getString("accessToken"), checkoutId, noSuchAccount, key));
    HttpResponse<Buffer> replayed = await(STACK.pay(user.getString("accessToken"), checkoutId, noSuchAccount, key));
    HttpResponse<Buffer> otherBody = await(pay(user, checkoutId, key));

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(404);
    assertThat(replayed.statusCode()).isEqualTo(404);
    assertThat(replayed.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.bodyAsString()).isEqualTo(refused.bodyAsString());
    assertThat(otherBody.statusCode()).as(otherBody.bodyAsString()).isEqualTo(422);
    assertThat(otherBody.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(payments(checkoutId)).isZero();
  }

  @Test
  void aKeyWithARecordIsRefusedAndRecordsNoPayment() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_600));
    String scope = scope(user);
    String userId = scope.substring("user:".length());
    String key = UUID.randomUUID().toString();
    byte[] fingerprint = new byte[32];
    byte[] otherFingerprint = new byte[32];
    otherFingerprint[0] = 1;
    Instant now = Instant.now();
    // A claim a pay wrote before payments were their keys' records (a stored answer is refused alike): the pay's
    // marking of the checkout finds it.
    await(claimAsBefore(scope, key, Buffer.buffer(fingerprint), now));
    PaymentService payments = PaymentService.proxy(STACK.app().app().vertx());

    Throwable same = awaitFailure(payments.payHoldingKey(userId, checkoutId, user.getString("finAccountId"),
        new IdempotencyClaim(scope, key, fingerprint, now, now.plusSeconds(3600))));
    Throwable other = awaitFailure(payments.payHoldingKey(userId, checkoutId, user.getString("finAccountId"),
        new IdempotencyClaim(scope, key, otherFingerprint, now, now.plusSeconds(3600))));

    // The payment service only says the key is held; the API reads the record and answers from it (below).
    assertThat(((ServiceException) same).getDebugInfo().getString("code")).isEqualTo("request_in_progress");
    assertThat(((ServiceException) other).getDebugInfo().getString("code")).isEqualTo("request_in_progress");
    assertThat(payments(checkoutId)).as("refused by the record").isZero();
    HttpResponse<Buffer> overHttp = await(pay(user, checkoutId, key));
    assertThat(overHttp.statusCode()).as("the record's fingerprint is not this request's").isEqualTo(422);
    assertThat(overHttp.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(payments(checkoutId)).isZero();
    assertThat(await(STACK.mysql().preparedQuery("SELECT status FROM checkouts WHERE id = ?").execute(Tuple.of(checkoutId)))
        .iterator().next().getString("status")).isEqualTo("OPEN");
  }

  /** The user's pay of the checkout from their FinAccount with {@code key}. */
  private static Future<HttpResponse<Buffer>> pay(JsonObject user, String checkoutId, String key) {
    return STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key);
  }

  /** The claim a pay wrote before payments were their keys' records: IN_PROGRESS, its lease a minute from now. */
  private static Future<Void> claimAsBefore(String scope, String key, Buffer fingerprint, Instant now) {
    return STACK.mysql().preparedQuery("""
            INSERT INTO idempotency_records (scope, idem_key, fingerprint, status, lease_until, created_at, expires_at)
            VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?, ?)""")
        .execute(Tuple.from(new Object[] {scope, key, fingerprint, utc(now.plusSeconds(60)), utc(now),
            utc(now.plusSeconds(3600))}))
        .mapEmpty();
  }

  private static Throwable awaitFailure(Future<?> future) {
    return await(future.map(succeeded -> (Throwable) new AssertionError("succeeded: " + succeeded))
        .otherwise(failure -> failure));
  }

  private static java.time.LocalDateTime utc(Instant instant) {
    return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
  }

  private static long records(JsonObject user, String key) {
    return await(STACK.mysql().preparedQuery("SELECT COUNT(*) AS n FROM idempotency_records WHERE scope = ? AND idem_key = ?")
        .execute(Tuple.of(scope(user), key))).iterator().next().getLong("n");
  }

  /** The user's Idempotency-Key scope, {@code user:<id>}. */
  private static String scope(JsonObject user) {
    return "user:" + await(STACK.mysql().preparedQuery("SELECT user_id FROM fin_accounts WHERE id = ?")
        .execute(Tuple.of(user.getString("finAccountId")))).iterator().next().getString("user_id");
  }

  private static Future<String> paymentStatus(String checkoutId) {
    return STACK.mysql().preparedQuery("SELECT status FROM payments WHERE checkout_id = ?").execute(Tuple.of(checkoutId))
        .map(rows -> rows.iterator().next().getString("status"));
  }

  private static long payments(String checkoutId) {
    return await(STACK.mysql().preparedQuery("SELECT COUNT(*) AS n FROM payments WHERE checkout_id = ?")
        .execute(Tuple.of(checkoutId))).iterator().next().getLong("n");
  }
}
