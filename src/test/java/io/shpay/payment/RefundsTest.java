package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The refund paths money can leak through: another merchant's key, a retried request, a payment that
 * was never charged (or not known to be), a refund whose bank answer is lost, and refunds on the KFTC rail.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RefundsTest {

  private static final String NH_REFUND = "ReceivedTransferFinAccount";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static Pool db;

  @BeforeAll
  static void database() {
    db = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(STACK.vertx()).build();
  }

  @AfterAll
  static void closeDatabase() {
    await(db.close());
  }

  @AfterEach
  void clearFaults() {
    STACK.nh().faults().clear();
    STACK.sandbox().faults().clear();
  }

  @Test
  void anotherMerchantsKeyCannotRefundAPaymentAndMovesNothing() {
    Account account = STACK.richestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject otherMerchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    String paymentId = approvedPayment(merchant, user, 4_000);
    long before = STACK.nhBalance(account);
    int received = receivedCount(account);

    HttpResponse<Buffer> foreign = await(refund(otherMerchant, paymentId, 4_000, UUID.randomUUID().toString()));
    assertThat(foreign.statusCode()).as(foreign.bodyAsString()).isEqualTo(404);
    assertThat(foreign.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
    assertThat(STACK.nhBalance(account)).as("nothing paid back").isEqualTo(before);
    assertThat(receivedCount(account)).as("the bank was not asked").isEqualTo(received);
    assertThat(payment(merchant, paymentId).getLong("refundedAmount")).isZero();
    assertThat(refundRows(paymentId)).isZero();

    // The owner's own refund of the whole amount still fits: the foreign attempt reserved nothing.
    HttpResponse<Buffer> own = await(refund(merchant, paymentId, 4_000, UUID.randomUUID().toString()));
    assertThat(own.statusCode()).as(own.bodyAsString()).isEqualTo(201);
  }

  @Test
  void aRefundRetriedWithTheSameIdempotencyKeyPaysBackOnce() {
    Account account = STACK.richestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    String paymentId = approvedPayment(merchant, user, 6_000);
    long before = STACK.nhBalance(account);
    int received = receivedCount(account);
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = await(refund(merchant, paymentId, 2_500, key));
    HttpResponse<Buffer> retried = await(refund(merchant, paymentId, 2_500, key));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retried.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(STACK.nhBalance(account)).as("paid back once").isEqualTo(before + 2_500);
    assertThat(receivedCount(account)).as("one deposit at the bank").isEqualTo(received + 1);
    assertThat(payment(merchant, paymentId).getLong("refundedAmount")).isEqualTo(2_500L);
    assertThat(refundRows(paymentId)).isEqualTo(1);

    HttpResponse<Buffer> otherBody = await(refund(merchant, paymentId, 1_000, key));
    assertThat(otherBody.statusCode()).isEqualTo(422);
    assertThat(otherBody.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(STACK.nhBalance(account)).isEqualTo(before + 2_500);
  }

  @Test
  void aFailedPaymentCannotBeRefunded() {
    Account poor = STACK.poorestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(poor));
    String checkoutId = await(STACK.checkout(merchant, STACK.nhBalance(poor) + 1));
    HttpResponse<Buffer> paid = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(paid.bodyAsJsonObject().getString("status")).as("precondition: the bank refused the charge")
        .isEqualTo("FAILED");
    String paymentId = paid.bodyAsJsonObject().getString("id");
    long before = STACK.nhBalance(poor);

    HttpResponse<Buffer> refused = await(refund(merchant, paymentId, 1_000, UUID.randomUUID().toString()));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("payment_not_refundable");
    assertThat(STACK.nhBalance(poor)).as("no payout without a charge").isEqualTo(before);
    assertThat(refundRows(paymentId)).isZero();
  }

  @Test
  void aPaymentWhoseOutcomeIsUnknownCannotBeRefundedUntilItIsSettled() {
    Account account = STACK.richestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    String checkoutId = await(STACK.checkout(merchant, 3_000));
    STACK.nh().faults().dropNext("DrawingTransfer", 1);
    HttpResponse<Buffer> paid = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(paid.bodyAsJsonObject().getString("status")).as("precondition: the charge's answer was lost")
        .isEqualTo("UNKNOWN");
    String paymentId = paid.bodyAsJsonObject().getString("id");
    long charged = STACK.nhBalance(account);

    HttpResponse<Buffer> refused = await(refund(merchant, paymentId, 3_000, UUID.randomUUID().toString()));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("payment_not_refundable");
    assertThat(STACK.nhBalance(account)).isEqualTo(charged);

    // Once reconciliation learns the charge went through, the refund is allowed and pays back once.
    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    assertThat(payment(merchant, paymentId).getString("status")).isEqualTo("APPROVED");
    HttpResponse<Buffer> refunded = await(refund(merchant, paymentId, 3_000, UUID.randomUUID().toString()));
    assertThat(refunded.statusCode()).as(refunded.bodyAsString()).isEqualTo(201);
    assertThat(STACK.nhBalance(account)).isEqualTo(charged + 3_000);
  }

  /**
   * The bank pays the refund but its answer never arrives. While the refund is UNKNOWN its amount still
   * counts against the payment, so nothing more than was paid can be refunded; reconciliation then asks
   * the bank about that very deposit and settles it without sending it again.
   */
  @Test
  void aRefundWhoseAnswerIsLostIsReconciledWithoutPayingTwiceOrOverThePayment() {
    Account account = STACK.richestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    String paymentId = approvedPayment(merchant, user, 5_000);
    long before = STACK.nhBalance(account);
    int received = receivedCount(account);

    STACK.nh().faults().dropNext(NH_REFUND, 1);
    HttpResponse<Buffer> lost = await(refund(merchant, paymentId, 4_000, UUID.randomUUID().toString()));
    assertThat(lost.statusCode()).as(lost.bodyAsString()).isEqualTo(202);
    assertThat(lost.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
    String refundId = lost.bodyAsJsonObject().getString("id");
    assertThat(STACK.nhBalance(account)).as("the bank paid although its answer was lost").isEqualTo(before + 4_000);

    HttpResponse<Buffer> tooMuch = await(refund(merchant, paymentId, 1_001, UUID.randomUUID().toString()));
    assertThat(tooMuch.statusCode()).as("4,000 in flight + 1,001 > 5,000 paid").isEqualTo(422);
    assertThat(tooMuch.bodyAsJsonObject().getString("code")).isEqualTo("refund_exceeds_payment");
    assertThat(STACK.nhBalance(account)).isEqualTo(before + 4_000);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    assertThat(refundStatus(refundId)).isEqualTo("APPROVED");
    assertThat(payment(merchant, paymentId).getLong("refundedAmount")).isEqualTo(4_000L);
    assertThat(STACK.nhBalance(account)).as("paid back once").isEqualTo(before + 4_000);
    assertThat(receivedCount(account)).as("one deposit at the bank").isEqualTo(received + 1);

    HttpResponse<Buffer> stillTooMuch = await(refund(merchant, paymentId, 1_001, UUID.randomUUID().toString()));
    assertThat(stillTooMuch.statusCode()).isEqualTo(422);
    HttpResponse<Buffer> rest = await(refund(merchant, paymentId, 1_000, UUID.randomUUID().toString()));
    assertThat(rest.statusCode()).as(rest.bodyAsString()).isEqualTo(201);
    assertThat(STACK.nhBalance(account)).isEqualTo(before + 5_000);
    assertThat(payment(merchant, paymentId).getLong("refundedAmount")).isEqualTo(5_000L);
  }

  @Test
  void aKftcPaymentIsRefundedIntoTheAccountItWasPaidFromAndNoFurther() {
    String person = STACK.sandbox().bank().personIds().get(2);
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.linkedUser(person));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintech = await(STACK.fintechUseNum(accountId));
    long before = STACK.sandbox().bank().balance(fintech);
    String checkoutId = await(STACK.checkout(merchant, 9_000));
    HttpResponse<Buffer> paid = await(STACK.pay(user.getString("accessToken"), checkoutId, accountId,
        UUID.randomUUID().toString()));
    assertThat(paid.bodyAsJsonObject().getString("status")).as(paid.bodyAsString()).isEqualTo("APPROVED");
    assertThat(paid.bodyAsJsonObject().getString("rail")).isEqualTo("KFTC");
    String paymentId = paid.bodyAsJsonObject().getString("id");
    int deposits = STACK.sandbox().bank().depositCount(fintech);

    HttpResponse<Buffer> part = await(refund(merchant, paymentId, 4_000, UUID.randomUUID().toString()));
    HttpResponse<Buffer> over = await(refund(merchant, paymentId, 5_001, UUID.randomUUID().toString()));
    HttpResponse<Buffer> rest = await(refund(merchant, paymentId, 5_000, UUID.randomUUID().toString()));
    assertThat(part.statusCode()).as(part.bodyAsString()).isEqualTo(201);
    assertThat(part.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(over.statusCode()).isEqualTo(422);
    assertThat(over.bodyAsJsonObject().getString("code")).isEqualTo("refund_exceeds_payment");
    assertThat(rest.statusCode()).as(rest.bodyAsString()).isEqualTo(201);
    assertThat(STACK.sandbox().bank().balance(fintech)).as("charged 9,000, refunded 9,000").isEqualTo(before);
    assertThat(STACK.sandbox().bank().depositCount(fintech)).isEqualTo(deposits + 2);
    assertThat(payment(merchant, paymentId).getLong("refundedAmount")).isEqualTo(9_000L);
  }

  private static String approvedPayment(JsonObject merchant, JsonObject user, long amount) {
    String checkoutId = await(STACK.checkout(merchant, amount));
    HttpResponse<Buffer> paid = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(paid.bodyAsJsonObject().getString("status")).as(paid.bodyAsString()).isEqualTo("APPROVED");
    return paid.bodyAsJsonObject().getString("id");
  }

  static Future<HttpResponse<Buffer>> refund(JsonObject merchant, String paymentId, long amount, String key) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey")).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("amount", amount).put("reason", "customer changed their mind"));
  }

  private static JsonObject payment(JsonObject merchant, String paymentId) {
    HttpResponse<Buffer> seen = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + paymentId)
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    assertThat(seen.statusCode()).isEqualTo(200);
    return seen.bodyAsJsonObject();
  }

  private static int receivedCount(Account account) {
    return STACK.nh().bank().receivedCount(account.bankCode(), account.accountNumber());
  }

  private static long refundRows(String paymentId) {
    Row row = await(db.preparedQuery("SELECT COUNT(*) AS n FROM refunds WHERE payment_id = ?")
        .execute(Tuple.of(paymentId))).iterator().next();
    return row.getLong("n");
  }

  private static String refundStatus(String refundId) {
    return await(db.preparedQuery("SELECT status FROM refunds WHERE id = ?").execute(Tuple.of(refundId)))
        .iterator().next().getString("status");
  }
}
