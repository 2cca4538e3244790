package io.shpay.payment;

import io.shpay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A KFTC bank slower than SH Pay's KFTC timeout, for the transfer and for the transfer/result
 * asked right after it: the whole chain outlasts the default 30 s event-bus wait. The bank takes
 * the money; SH Pay must remember which transfer it asked for, never call it "never sent", never
 * charge (or refund) twice, and settle it with the bank's word.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LostKftcAnswerTest {

  private static final Duration KFTC_TIMEOUT = Duration.ofSeconds(16);
  private static final Duration SLOWER_THAN_TIMEOUT = Duration.ofSeconds(17);
  private static final String WITHDRAW = "/v2.0/transfer/withdraw/fin_num";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_KFTC_TIMEOUT", KFTC_TIMEOUT.toString())
      // The client hears 503 long before the bank chain ends; the payment goes on behind it.
      .put("SHPAY_HTTP_REQUEST_TIMEOUT", "PT8S"), UnaryOperator.identity());

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  @Test
  void aPayWhoseAnswerIsLostIsChargedOnceAndApprovedByReconciliation() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    KftcUser user = kftcUser(0);
    long before = STACK.sandbox().bank().balance(user.fintechUseNum());
    int withdrawals = STACK.sandbox().bank().withdrawCount(user.fintechUseNum());
    String checkoutId = await(STACK.checkout(merchant, 1_000));
    String key = UUID.randomUUID().toString();

    STACK.sandbox().faults().latency(SLOWER_THAN_TIMEOUT);
    HttpResponse<Buffer> first = await(STACK.pay(user.token(), checkoutId, user.accountId(), key));
    HttpResponse<Buffer> retry = await(STACK.pay(user.token(), checkoutId, user.accountId(), key));
    HttpResponse<Buffer> otherKey = await(STACK.pay(user.token(), checkoutId, user.accountId(), UUID.randomUUID().toString()));

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(503);
    assertThat(retry.statusCode()).as("the first is still running: " + retry.bodyAsString()).isEqualTo(409);
    assertThat(otherKey.statusCode()).as(otherKey.bodyAsString()).isEqualTo(409);
    assertThat(otherKey.bodyAsJsonObject().getString("code")).isEqualTo("checkout_not_payable");

    // The chain (16 s withdrawal, 16 s transfer/result) ends; the bank took the money meanwhile.
    Row unknown = awaitRow("SELECT * FROM payments WHERE checkout_id = ?", checkoutId, "UNKNOWN");
    STACK.sandbox().faults().clear();
    assertThat(unknown.getString("rail_ref")).as("the transfer id was stored before the call").isNotNull();
    assertThat(STACK.sandbox().bank().balance(user.fintechUseNum())).isEqualTo(before - 1_000);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());

    JsonObject payment = await(merchantGet(merchant, "/api/v1/payments/" + unknown.getString("id"))).bodyAsJsonObject();
    assertThat(payment.getString("status")).as(payment.encode()).isEqualTo("APPROVED");
    assertThat(await(userGet(user, "/api/v1/checkouts/" + checkoutId)).bodyAsJsonObject().getString("status"))
        .isEqualTo("PAID");
    HttpResponse<Buffer> payAgain = await(STACK.pay(user.token(), checkoutId, user.accountId(), UUID.randomUUID().toString()));
    assertThat(payAgain.statusCode()).isEqualTo(409);
    assertThat(STACK.sandbox().bank().withdrawCount(user.fintechUseNum())).as("one bank transaction")
        .isEqualTo(withdrawals + 1);
    assertThat(STACK.sandbox().bank().balance(user.fintechUseNum())).as("charged once").isEqualTo(before - 1_000);
    assertThat(count("SELECT COUNT(*) AS n FROM payments WHERE checkout_id = ?", checkoutId)).isEqualTo(1);
  }

  @Test
  void aRefundWhoseAnswerIsLostIsPaidOnceAndApprovedByReconciliation() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    KftcUser user = kftcUser(1);
    String checkoutId = await(STACK.checkout(merchant, 5_000));
    // A lost withdrawal answer settled at once by transfer/result: approved, and SH Pay's own KFTC
    // token is fetched and cached, so later only the transfer calls are slow.
    STACK.sandbox().faults().dropNext(WITHDRAW, 1);
    HttpResponse<Buffer> paid = await(STACK.pay(user.token(), checkoutId, user.accountId(), UUID.randomUUID().toString()));
    assertThat(paid.bodyAsJsonObject().getString("status")).as(paid.bodyAsString()).isEqualTo("APPROVED");
    String paymentId = paid.bodyAsJsonObject().getString("id");
    long before = STACK.sandbox().bank().balance(user.fintechUseNum());
    int deposits = STACK.sandbox().bank().depositCount(user.fintechUseNum());
    String key = UUID.randomUUID().toString();

    STACK.sandbox().faults().latency(SLOWER_THAN_TIMEOUT);
    HttpResponse<Buffer> first = await(refund(merchant, paymentId, 5_000, key));
    HttpResponse<Buffer> retry = await(refund(merchant, paymentId, 5_000, key));

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(503);
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(409);

    Row unknown = awaitRow("SELECT * FROM refunds WHERE payment_id = ?", paymentId, "UNKNOWN");
    STACK.sandbox().faults().clear();
    assertThat(unknown.getString("rail_ref")).isNotNull();
    assertThat(STACK.sandbox().bank().balance(user.fintechUseNum())).isEqualTo(before + 5_000);
    HttpResponse<Buffer> secondRefund = await(refund(merchant, paymentId, 5_000, UUID.randomUUID().toString()));
    assertThat(secondRefund.statusCode()).as("the unknown refund still counts: " + secondRefund.bodyAsString())
        .isEqualTo(422);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());

    JsonObject payment = await(merchantGet(merchant, "/api/v1/payments/" + paymentId)).bodyAsJsonObject();
    assertThat(payment.getLong("refundedAmount")).as(payment.encode()).isEqualTo(5_000L);
    assertThat(count("SELECT COUNT(*) AS n FROM refunds WHERE payment_id = ? AND status = 'APPROVED'", paymentId))
        .isEqualTo(1);
    HttpResponse<Buffer> afterwards = await(refund(merchant, paymentId, 1, UUID.randomUUID().toString()));
    assertThat(afterwards.statusCode()).isEqualTo(422);
    assertThat(STACK.sandbox().bank().depositCount(user.fintechUseNum())).as("one bank transaction")
        .isEqualTo(deposits + 1);
    assertThat(STACK.sandbox().bank().balance(user.fintechUseNum())).as("refunded once").isEqualTo(before + 5_000);
  }

  private record KftcUser(String token, String accountId, String fintechUseNum) {}

  private static KftcUser kftcUser(int person) throws Exception {
    JsonObject linked = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(person)));
    String accountId = linked.getJsonArray("accounts").getJsonObject(0).getString("id");
    return new KftcUser(linked.getString("accessToken"), accountId, await(STACK.fintechUseNum(accountId)));
  }

  private static Future<HttpResponse<Buffer>> refund(JsonObject merchant, String paymentId, long amount, String key) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey")).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("amount", amount));
  }

  private static Future<HttpResponse<Buffer>> merchantGet(JsonObject merchant, String path) {
    return STACK.api().request(HttpMethod.GET, path).putHeader("X-Api-Key", merchant.getString("apiKey")).send();
  }

  private static Future<HttpResponse<Buffer>> userGet(KftcUser user, String path) {
    return STACK.api().get(path, user.token());
  }

  /** The one row {@code sql} finds for {@code id}, once it has {@code status}; polled, bounded by a minute. */
  private static Row awaitRow(String sql, String id, String status) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    String last = "no row";
    while (System.nanoTime() < deadline) {
      var rows = await(STACK.mysql().preparedQuery(sql).execute(Tuple.of(id)));
      if (rows.iterator().hasNext()) {
        Row row = rows.iterator().next();
        if (status.equals(row.getString("status"))) {
          return row;
        }
        last = row.getString("status");
      }
      await(STACK.vertx().timer(200));
    }
    throw new AssertionError("never " + status + "; last: " + last);
  }

  private static long count(String sql, String id) throws Exception {
    return await(STACK.mysql().preparedQuery(sql).execute(Tuple.of(id))).iterator().next().getLong("n");
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(120));
  }
}
