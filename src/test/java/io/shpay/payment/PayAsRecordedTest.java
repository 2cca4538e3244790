package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.privacy.AccountMasks;
import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A pay whose checkout this process knows marks it PROCESSING without reading it first, and settles the payment as it
 * recorded it without reading it back; what it writes must be what the locked reads would have written, and whenever
 * the row is not as the pay left it (a checkout this process never saw, one already paid, a payment a lookup settled
 * while the bank's answer was on its way) the locked reads decide.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PayAsRecordedTest {

  private static final Duration BANK_LATENCY = Duration.ofMillis(1_500);

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_PAYMENTS_STALE_REQUESTED_AFTER", "PT1M"), UnaryOperator.identity());

  @AfterEach
  void clearFaults() {
    STACK.nh().faults().clear();
  }

  @Test
  void aPaysOwnSettlementWritesTheEventALockedOneWould() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    String checkoutId = await(STACK.checkout(merchant, 1_200));

    HttpResponse<Buffer> paid = await(pay(user, checkoutId));

    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(200);
    JsonObject answer = paid.bodyAsJsonObject();
    assertThat(answer.getString("status")).isEqualTo("APPROVED");
    Row payment = only(await(query("SELECT * FROM payments WHERE checkout_id = ?", checkoutId)));
    assertThat(answer.getString("createdAt")).as("the answer's creation time is the row's")
        .isEqualTo(payment.getLocalDateTime("created_at").toInstant(java.time.ZoneOffset.UTC).toString());
    assertThat(answer.getString("updatedAt")).as("the answer's update time is the row's")
        .isEqualTo(payment.getLocalDateTime("updated_at").toInstant(java.time.ZoneOffset.UTC).toString());
    assertThat(payment.getValue("next_reconcile_at")).as("no lookup left to make").isNull();
    assertThat(statusOf("checkouts", checkoutId)).isEqualTo("PAID");

    Row event = only(await(query("SELECT * FROM outbox_events WHERE aggregate_id = ?", payment.getString("id"))));
    JsonObject data = new JsonObject(event.getString("payload")).getJsonObject("payment");
    assertThat(event.getLong("sequence")).isEqualTo(1L);
    assertThat(event.getString("event_type")).isEqualTo("shpay.payment.approved");
    String orderId = only(await(query("SELECT order_id FROM checkouts WHERE id = ?", checkoutId)))
        .getString("order_id");
    assertThat(data.getString("orderId")).isEqualTo(orderId);
    assertThat(data.getString("accountMasked")).as("the FinAccount's number, masked")
        .isEqualTo(AccountMasks.mask(account.accountNumber()));
    assertThat(data.getString("createdAt")).isEqualTo(answer.getString("createdAt"));
    assertThat(data.getString("updatedAt")).isEqualTo(answer.getString("updatedAt"));
  }

  @Test
  void aCheckoutThisProcessNeverSawIsPaidAfterItsLockedRead() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    // Written as another replica would: this process has not created nor read it.
    String checkoutId = UUID.randomUUID().toString();
    LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
    await(STACK.mysql().preparedQuery("""
        INSERT INTO checkouts (id, merchant_id, order_id, amount, item_name, status, created_at, updated_at)
        VALUES (?, ?, ?, 900, 'Tea', 'OPEN', ?, ?)""")
        .execute(Tuple.of(checkoutId, merchant.getString("id"), "order-" + UUID.randomUUID(), now, now)));

    HttpResponse<Buffer> paid = await(pay(user, checkoutId));
    HttpResponse<Buffer> again = await(pay(user, checkoutId));

    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(200);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(paid.bodyAsJsonObject().getLong("amount")).isEqualTo(900L);
    assertThat(statusOf("checkouts", checkoutId)).isEqualTo("PAID");
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("detail")).isEqualTo("This checkout is already paid.");
  }

  @Test
  void aKnownCheckoutThatIsNoLongerOpenIsExplainedByItsLockedRead() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 700));
    await(STACK.mysql().preparedQuery("UPDATE checkouts SET status = 'PROCESSING' WHERE id = ?")
        .execute(Tuple.of(checkoutId)));

    HttpResponse<Buffer> refused = await(pay(user, checkoutId));

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("checkout_not_payable");
    assertThat(refused.bodyAsJsonObject().getString("detail")).isEqualTo("A payment of this checkout is in progress.");
    assertThat(await(query("SELECT id FROM payments WHERE checkout_id = ?", checkoutId)).size())
        .as("nothing recorded").isZero();
  }

  @Test
  void aPaymentALookupSettledWhileTheBanksAnswerWasOnItsWayIsAnsweredAsTheLookupLeftIt() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    long before = STACK.nhBalance(account);
    String checkoutId = await(STACK.checkout(merchant, 1_300));

    Future<HttpResponse<Buffer>> paying = payHeldAtTheBank(user, account, checkoutId, UUID.randomUUID().toString());
    // The lookup's own call is answered at once; the pay's answer is still held back.
    STACK.nh().faults().latency(Duration.ZERO);
    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    Row settledByLookup = only(await(query("SELECT * FROM payments WHERE checkout_id = ?", checkoutId)));
    assertThat(settledByLookup.getString("status")).as("the lookup came first").isEqualTo("APPROVED");

    HttpResponse<Buffer> paid = await(paying);

    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(200);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(paid.bodyAsJsonObject().getString("updatedAt")).as("as the lookup left it")
        .isEqualTo(settledByLookup.getLocalDateTime("updated_at").toInstant(java.time.ZoneOffset.UTC).toString());
    List<String> events = await(query("SELECT event_type FROM outbox_events WHERE aggregate_id = ?",
        settledByLookup.getString("id"))).stream().map(row -> row.getString("event_type")).toList();
    assertThat(events).as("one event, the lookup's").containsExactly("shpay.payment.approved");
    assertThat(statusOf("checkouts", checkoutId)).isEqualTo("PAID");
    assertThat(STACK.nhBalance(account)).as("charged once").isEqualTo(before - 1_300);
  }

  /** Pays with the bank's answer held back: once the bank has moved the money, the pay still waiting for it. */
  private static Future<HttpResponse<Buffer>> payHeldAtTheBank(JsonObject user, Account account, String checkoutId,
      String key) throws Exception {
    long before = STACK.nhBalance(account);
    STACK.nh().faults().latency(BANK_LATENCY);
    Future<HttpResponse<Buffer>> paying = STACK.pay(user.getString("accessToken"), checkoutId,
        user.getString("finAccountId"), key);
    await(Eventually.until(STACK.vertx(), () -> Future.succeededFuture(STACK.nhBalance(account)), now -> now != before,
        "the bank moved the money"));
    return paying;
  }

  private static Future<HttpResponse<Buffer>> pay(JsonObject user, String checkoutId) {
    return STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString());
  }

  private static Future<RowSet<Row>> query(String sql, String id) {
    return STACK.mysql().preparedQuery(sql).execute(Tuple.of(id));
  }

  private static String statusOf(String table, String id) throws Exception {
    return only(await(query("SELECT status FROM " + table + " WHERE id = ?", id))).getString("status");
  }

  private static Row only(RowSet<Row> rows) {
    assertThat(rows.size()).isEqualTo(1);
    return rows.iterator().next();
  }
}
