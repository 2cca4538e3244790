package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.TcpProxy;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An Idempotency-Key tells the truth about the money it moved: a replay answers the payment or
 * refund as it is now, SH Pay's own failure is never kept as the key's answer, and a request that
 * died mid-way does not lock its key for a day. SH Pay reaches MySQL through a proxy the test cuts.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class IdempotencyTruthTest {

  private static final Vertx PROXY_VERTX = Vertx.vertx();
  private static final URI MYSQL = URI.create(TestServers.get().mysqlUri());
  private static final TcpProxy MYSQL_PROXY = TcpProxy.startInFrontOf(PROXY_VERTX, MYSQL);

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_MYSQL_URI", MYSQL_PROXY.uriThrough(MYSQL))
      .put("SHPAY_PAYMENTS_STALE_REQUESTED_AFTER", "PT1M"), UnaryOperator.identity());

  @AfterAll
  static void close() throws Exception {
    MYSQL_PROXY.close();
    await(PROXY_VERTX.close());
  }

  @AfterEach
  void clearFaults() throws Exception {
    STACK.nh().faults().clear();
    await(MYSQL_PROXY.restore());
  }

  @Test
  void replayingAPayAnswersThePaymentAsItIsNowNotAsItWas() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_100));
    String key = UUID.randomUUID().toString();
    STACK.nh().faults().dropNext("DrawingTransfer", 1);

    HttpResponse<Buffer> first = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));
    assertThat(first.bodyAsJsonObject().getString("status")).as(first.bodyAsString()).isEqualTo("UNKNOWN");

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    HttpResponse<Buffer> replay = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.bodyAsJsonObject().getString("id")).isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(replay.bodyAsJsonObject().getString("status")).as("approved since").isEqualTo("APPROVED");
  }

  @Test
  void replayingARefundAnswersTheRefundAsItIsNow() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String paymentId = await(STACK.paidCheckout(merchant, user, 2_200));
    String key = UUID.randomUUID().toString();
    STACK.nh().faults().dropNext("ReceivedTransferFinAccount", 1);

    HttpResponse<Buffer> first = await(refund(merchant, paymentId, 2_200, key));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(202);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    HttpResponse<Buffer> replay = await(refund(merchant, paymentId, 2_200, key));

    assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(201);
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.bodyAsJsonObject().getString("id")).isEqualTo(first.bodyAsJsonObject().getString("id"));
    assertThat(replay.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
  }

  @Test
  void aPayThatDiedAfterTheBankWasCalledFreesItsKeyAndTheRetryFindsTheOnePayment() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    long before = STACK.nhBalance(account);
    String checkoutId = await(STACK.checkout(merchant, 3_300));
    String key = UUID.randomUUID().toString();

    // The bank takes the money while SH Pay loses MySQL: neither the outcome nor the key's answer is written.
    STACK.nh().faults().latency(Duration.ofMillis(1_500));
    Future<HttpResponse<Buffer>> paying = STACK.pay(user.getString("accessToken"), checkoutId,
        user.getString("finAccountId"), key);
    awaitBankThenCutMysql(() -> STACK.nhBalance(account) != before);
    HttpResponse<Buffer> failed = await(paying);
    await(MYSQL_PROXY.restore());
    STACK.nh().faults().clear();
    assertThat(failed.statusCode()).as(failed.bodyAsString()).isGreaterThanOrEqualTo(500);

    // Past the claim's lease (the longest a pay can take), the same key runs again and finds its payment.
    STACK.clock().advance(Duration.ofMinutes(2));
    HttpResponse<Buffer> retry = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));
    assertThat(retry.statusCode()).as("not 409 for a day: " + retry.bodyAsString()).isEqualTo(200);
    String paymentId = retry.bodyAsJsonObject().getString("id");
    // REQUESTED, unless the janitor's own round got to it first.
    assertThat(retry.bodyAsJsonObject().getString("status")).isIn("REQUESTED", "APPROVED");

    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    HttpResponse<Buffer> settled = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));

    assertThat(settled.bodyAsJsonObject().getString("id")).isEqualTo(paymentId);
    assertThat(settled.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(STACK.nhBalance(account)).as("charged once").isEqualTo(before - 3_300);
    assertThat(await(STACK.mysql().preparedQuery("SELECT COUNT(*) AS n FROM payments WHERE checkout_id = ?")
        .execute(Tuple.of(checkoutId))).iterator().next().getLong("n")).isEqualTo(1);
  }

  private static Future<HttpResponse<Buffer>> refund(JsonObject merchant, String paymentId, long amount, String key) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey")).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("amount", amount));
  }

  /** Waits until the bank has moved the money (its answer is then held back by the latency), then cuts MySQL. */
  private static void awaitBankThenCutMysql(java.util.function.BooleanSupplier bankMoved) throws Exception {
    MYSQL_PROXY.cutAsSoonAs(bankMoved, "the bank moved the money");
  }
}
