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
import io.vertx.sqlclient.Row;
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
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * MySQL goes away while the bank is moving the money, so SH Pay cannot write the outcome: the
 * payment, refund or transfer is left REQUESTED although the bank booked it. The janitor picks
 * such rows up once they are older than {@code staleRequestedAfter} and settles them through the
 * same bank look-up as UNKNOWN ones. SH Pay reaches MySQL through a TCP proxy the test cuts.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LeftRequestedJanitorTest {

  private static final Duration BANK_LATENCY = Duration.ofMillis(1_500);
  private static final Vertx PROXY_VERTX = Vertx.vertx();
  private static final URI MYSQL = URI.create(TestServers.get().mysqlUri());
  private static final TcpProxy MYSQL_PROXY = TcpProxy.startInFrontOf(PROXY_VERTX, MYSQL);

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_MYSQL_URI", MYSQL_PROXY.uriThrough(MYSQL))
      .put("SHPAY_PAYMENTS_STALE_REQUESTED_AFTER", "PT1M")
      .put("SHPAY_OPENBANKING_STALE_REQUESTED_AFTER", "PT1M"), UnaryOperator.identity());

  @AfterAll
  static void close() throws Exception {
    MYSQL_PROXY.close();
    await(PROXY_VERTX.close());
  }

  @AfterEach
  void clearFaults() throws Exception {
    STACK.nh().faults().clear();
    STACK.sandbox().faults().clear();
    await(MYSQL_PROXY.restore());
  }

  @Test
  void anNhPaymentLeftRequestedIsLookedUpAndApproved() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    long before = STACK.nhBalance(account);
    String checkoutId = await(STACK.checkout(merchant, 2_000));

    STACK.nh().faults().latency(BANK_LATENCY);
    Future<HttpResponse<Buffer>> paying = STACK.pay(user.getString("accessToken"), checkoutId,
        user.getString("finAccountId"), UUID.randomUUID().toString());
    Row requested = cutMysqlOnceTheBankMoved(() -> STACK.nhBalance(account) != before,
        "SELECT * FROM payments WHERE checkout_id = ?", checkoutId);
    HttpResponse<Buffer> failed = await(paying);
    await(MYSQL_PROXY.restore());
    STACK.nh().faults().clear();

    assertThat(failed.statusCode()).as(failed.bodyAsString()).isGreaterThanOrEqualTo(500);
    assertThat(statusOf("SELECT status FROM payments WHERE id = ?", requested.getString("id"))).isEqualTo("REQUESTED");
    assertThat(STACK.nhBalance(account)).as("the bank took the money").isEqualTo(before - 2_000);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());

    assertThat(statusOf("SELECT status FROM payments WHERE id = ?", requested.getString("id"))).isEqualTo("APPROVED");
    assertThat(statusOf("SELECT status FROM checkouts WHERE id = ?", checkoutId)).isEqualTo("PAID");
    assertThat(STACK.nhBalance(account)).as("charged once").isEqualTo(before - 2_000);
  }

  @Test
  void anNhRefundLeftRequestedIsLookedUpAndApproved() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    String paymentId = await(STACK.paidCheckout(merchant, user, 3_000));
    long before = STACK.nhBalance(account);

    STACK.nh().faults().latency(BANK_LATENCY);
    Future<HttpResponse<Buffer>> refunding = STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey")).putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("amount", 3_000));
    Row requested = cutMysqlOnceTheBankMoved(() -> STACK.nhBalance(account) != before,
        "SELECT * FROM refunds WHERE payment_id = ?", paymentId);
    await(refunding);
    await(MYSQL_PROXY.restore());
    STACK.nh().faults().clear();

    assertThat(statusOf("SELECT status FROM refunds WHERE id = ?", requested.getString("id"))).isEqualTo("REQUESTED");
    assertThat(STACK.nhBalance(account)).as("the bank paid the refund").isEqualTo(before + 3_000);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());

    assertThat(statusOf("SELECT status FROM refunds WHERE id = ?", requested.getString("id"))).isEqualTo("APPROVED");
    assertThat(await(STACK.mysql().preparedQuery("SELECT refunded_amount FROM payments WHERE id = ?").execute(Tuple.of(paymentId)))
        .iterator().next().getLong("refunded_amount")).isEqualTo(3_000L);
    assertThat(STACK.nhBalance(account)).as("refunded once").isEqualTo(before + 3_000);
  }

  @Test
  void aKftcPaymentAndItsTransferLeftRequestedAreLookedUpAndApproved() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject linked = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(0)));
    String accountId = linked.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintechUseNum = await(STACK.fintechUseNum(accountId));
    long before = STACK.sandbox().bank().balance(fintechUseNum);
    String checkoutId = await(STACK.checkout(merchant, 1_700));

    STACK.sandbox().faults().latency(BANK_LATENCY);
    Future<HttpResponse<Buffer>> paying = STACK.pay(linked.getString("accessToken"), checkoutId, accountId,
        UUID.randomUUID().toString());
    Row transfer = cutMysqlOnceTheBankMoved(() -> STACK.sandbox().bank().balance(fintechUseNum) != before,
        "SELECT t.* FROM transfers t JOIN payments p ON p.rail_ref = t.id WHERE p.checkout_id = ?", checkoutId);
    await(paying);
    await(MYSQL_PROXY.restore());
    STACK.sandbox().faults().clear();

    assertThat(statusOf("SELECT status FROM transfers WHERE id = ?", transfer.getString("id"))).isEqualTo("REQUESTED");
    assertThat(statusOf("SELECT status FROM payments WHERE checkout_id = ?", checkoutId)).isEqualTo("REQUESTED");
    assertThat(STACK.sandbox().bank().balance(fintechUseNum)).as("the bank took the money").isEqualTo(before - 1_700);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());

    assertThat(statusOf("SELECT status FROM transfers WHERE id = ?", transfer.getString("id"))).isEqualTo("APPROVED");
    assertThat(statusOf("SELECT status FROM payments WHERE checkout_id = ?", checkoutId)).isEqualTo("APPROVED");
    assertThat(statusOf("SELECT status FROM checkouts WHERE id = ?", checkoutId)).isEqualTo("PAID");
    assertThat(STACK.sandbox().bank().balance(fintechUseNum)).as("charged once").isEqualTo(before - 1_700);
  }

  /**
   * Waits until the bank has moved the money (its answer is then held back by the latency), cuts
   * SH Pay off MySQL, and returns the row {@code sql} finds for {@code id}.
   */
  private static Row cutMysqlOnceTheBankMoved(BooleanSupplier bankMoved, String sql, String id) throws Exception {
    MYSQL_PROXY.cutAsSoonAs(bankMoved, "the bank moved the money");
    return await(STACK.mysql().preparedQuery(sql).execute(Tuple.of(id))).iterator().next();
  }

  private static String statusOf(String sql, String id) throws Exception {
    return await(STACK.mysql().preparedQuery(sql).execute(Tuple.of(id))).iterator().next().getString("status");
  }
}
