package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTap;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Checkout, pay and refund through HTTP against the NH and KFTC sandboxes, with events on Kafka. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PaymentFlowTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static EventTap events;

  @BeforeAll
  static void tap() {
    events = await(EventTap.start(STACK.vertx(), "shpay.payment-events"));
  }

  @AfterAll
  static void untap() {
    await(events.close());
  }

  @AfterEach
  void clearFaults() {
    STACK.nh().faults().clear();
  }

  /** The seeded NH account with the most money, so tests do not run each other dry. */
  private static Account richAccount() {
    return personalAccounts().stream()
        .max(Comparator.comparingLong(a -> STACK.nh().bank().balance(a.bankCode(), a.accountNumber())))
        .orElseThrow();
  }

  private static Account poorAccount() {
    return personalAccounts().stream()
        .min(Comparator.comparingLong(a -> STACK.nh().bank().balance(a.bankCode(), a.accountNumber())))
        .orElseThrow();
  }

  private static long balance(Account account) {
    return STACK.nh().bank().balance(account.bankCode(), account.accountNumber());
  }

  private static Future<HttpResponse<Buffer>> pay(String token, String checkoutId, String accountId, String key) {
    return STACK.pay(token, checkoutId, accountId, key);
  }

  static Future<HttpResponse<Buffer>> refund(JsonObject merchant, String paymentId, long amount, String key) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey")).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("amount", amount).put("reason", "customer changed their mind"));
  }

  @Test
  void aCheckoutPaidFromAnNhFinAccountIsApprovedChargedOnceAndPublished() {
    Account account = richAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    // Read after the FinAccount's 1-won verification deposit.
    long before = balance(account);
    String checkoutId = await(STACK.checkout(merchant, 10_000));

    HttpResponse<Buffer> paid = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    JsonObject payment = paid.bodyAsJsonObject();
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(payment.getString("status")).isEqualTo("APPROVED");
    assertThat(payment.getLong("amount")).isEqualTo(10_000L);
    assertThat(payment.getString("rail")).isEqualTo("NH");
    assertThat(balance(account)).isEqualTo(before - 10_000);

    HttpResponse<Buffer> seen = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + payment.getString("id"))
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    List<EventTap.Event> published = await(events.await(payment.getString("id"), Set.of("shpay.payment.approved")));
    assertThat(seen.statusCode()).isEqualTo(200);
    assertThat(seen.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    EventTap.Event approved = published.get(0);
    assertThat(approved.headers()).containsKeys("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion");
    assertThat(approved.headers().get("ce_specversion")).isEqualTo("1.0");
    assertThat(approved.headers().get("ce_source")).isEqualTo("/shpay/payments");
    assertThat(approved.data().getJsonObject("payment").getString("orderId")).startsWith("order-");
    assertThat(approved.data().getJsonObject("payment").getString("status")).isEqualTo("APPROVED");
  }

  @Test
  void aCheckoutPaidFromAKftcLinkedAccountIsApproved() {
    String person = STACK.sandbox().bank().personIds().get(0);
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.linkedUser(person));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintech = await(STACK.fintechUseNum(accountId));
    long before = STACK.sandbox().bank().balance(fintech);
    String checkoutId = await(STACK.checkout(merchant, 7_000));

    HttpResponse<Buffer> paid = await(pay(user.getString("accessToken"), checkoutId, accountId, UUID.randomUUID().toString()));
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(paid.bodyAsJsonObject().getString("rail")).isEqualTo("KFTC");
    assertThat(STACK.sandbox().bank().balance(fintech)).isEqualTo(before - 7_000);
  }

  @Test
  void aKftcPaymentWhoseConsentLapsedFailsAtOnceInsteadOfStayingUnknown() {
    String person = STACK.sandbox().bank().personIds().get(1);
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.linkedUser(person));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    // A deposit first, so SH Pay's own KFTC token is fetched and cached before the fault.
    await(STACK.transfer(user.getString("accessToken"), "deposit", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", accountId).put("amount", 1)));
    String checkoutId = await(STACK.checkout(merchant, 2_000));

    // KFTC revokes the user's token and refuses to renew it: open banking answers consent_required.
    STACK.sandbox().expireAccessTokens();
    STACK.sandbox().faults().failNext("/oauth/2.0/token", 1, "O0002", null);
    HttpResponse<Buffer> response = await(pay(user.getString("accessToken"), checkoutId, accountId, UUID.randomUUID().toString()));
    STACK.sandbox().faults().clear();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).as(response.bodyAsString()).isEqualTo("FAILED");
    assertThat(response.bodyAsJsonObject().getString("bankCode")).isEqualTo("consent_required");
  }

  @Test
  void aRefusedChargeIsFailedWithTheBanksReasonAndTheCheckoutCanBePaidAgain() {
    Account poor = poorAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject broke = await(STACK.userWithFinAccount(poor));
    JsonObject rich = await(STACK.userWithFinAccount(richAccount()));
    long tooMuch = balance(poor) + 1;
    String checkoutId = await(STACK.checkout(merchant, tooMuch));

    HttpResponse<Buffer> failed = await(pay(broke.getString("accessToken"), checkoutId, broke.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(failed.statusCode()).isEqualTo(200);
    JsonObject payment = failed.bodyAsJsonObject();
    assertThat(payment.getString("status")).isEqualTo("FAILED");
    assertThat(payment.getString("bankCode")).isEqualTo("E0201");
    assertThat(payment.getString("bankMessage")).isNotBlank();

    HttpResponse<Buffer> second = await(pay(rich.getString("accessToken"), checkoutId, rich.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(second.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
  }

  @Test
  void fiftyConcurrentPaysOfOneCheckoutChargeExactlyOnce() {
    Account account = richAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    long before = balance(account);
    String checkoutId = await(STACK.checkout(merchant, 1_000));

    List<Future<HttpResponse<Buffer>>> racing = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
            UUID.randomUUID().toString()))
        .toList();
    await(Future.join(racing));
    List<Integer> statuses = racing.stream().map(f -> f.result().statusCode()).toList();
    assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
    assertThat(balance(account)).isEqualTo(before - 1_000);
  }

  @Test
  void fiftyConcurrentRefundsNeverReturnMoreThanWasPaid() {
    Account account = richAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    String checkoutId = await(STACK.checkout(merchant, 10_000));
    HttpResponse<Buffer> paid = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    String paymentId = paid.bodyAsJsonObject().getString("id");
    long before = balance(account);

    List<Future<HttpResponse<Buffer>>> racing = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> refund(merchant, paymentId, 1_000, UUID.randomUUID().toString()))
        .toList();
    await(Future.join(racing));
    HttpResponse<Buffer> payment = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + paymentId)
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    List<Integer> statuses = racing.stream().map(f -> f.result().statusCode()).toList();
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(10);
    assertThat(statuses.stream().filter(s -> s == 422)).hasSize(40);
    assertThat(payment.bodyAsJsonObject().getLong("refundedAmount")).isEqualTo(10_000L);
    assertThat(balance(account)).isEqualTo(before + 10_000);
  }

  @Test
  void partialRefundsAddUpAndAnOverRefundIsRefused() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(richAccount()));
    String checkoutId = await(STACK.checkout(merchant, 5_000));
    HttpResponse<Buffer> paid = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    String paymentId = paid.bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> first = await(refund(merchant, paymentId, 2_000, UUID.randomUUID().toString()));
    HttpResponse<Buffer> over = await(refund(merchant, paymentId, 3_001, UUID.randomUUID().toString()));
    HttpResponse<Buffer> rest = await(refund(merchant, paymentId, 3_000, UUID.randomUUID().toString()));
    List<EventTap.Event> published = await(events.await(paymentId, Set.of("shpay.payment.approved", "shpay.payment.refunded")));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(over.statusCode()).isEqualTo(422);
    assertThat(over.bodyAsJsonObject().getString("code")).isEqualTo("refund_exceeds_payment");
    assertThat(rest.statusCode()).isEqualTo(201);
    assertThat(published.stream().filter(e -> e.type().equals("shpay.payment.refunded")))
        .hasSizeGreaterThanOrEqualTo(1);
  }

  @Test
  void aLostAnswerIsReconciledFromNhHistoryWithoutASecondCharge() {
    Account account = richAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    long before = balance(account);
    String checkoutId = await(STACK.checkout(merchant, 3_333));

    STACK.nh().faults().dropNext("DrawingTransfer", 1);
    HttpResponse<Buffer> unknown = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    String paymentId = unknown.bodyAsJsonObject().getString("id");
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
    assertThat(balance(account)).as("the bank moved the money although the answer was lost")
        .isEqualTo(before - 3_333);

    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    HttpResponse<Buffer> after = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + paymentId)
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    List<EventTap.Event> published = await(events.await(paymentId, Set.of("shpay.payment.unknown", "shpay.payment.approved")));
    assertThat(after.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(balance(account)).as("charged once").isEqualTo(before - 3_333);
    assertThat(published.stream().map(EventTap.Event::type).toList())
        .containsSubsequence("shpay.payment.unknown", "shpay.payment.approved");
  }

  @Test
  void aRetriedPayWithTheSameKeyReplaysAndADifferentBodyIsRefused() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(richAccount()));
    String key = UUID.randomUUID().toString();
    String checkoutId = await(STACK.checkout(merchant, 1_500));

    HttpResponse<Buffer> first = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));
    HttpResponse<Buffer> replay = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));
    HttpResponse<Buffer> other = await(pay(user.getString("accessToken"), checkoutId, UUID.randomUUID().toString(), key));
    assertThat(replay.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(other.statusCode()).isEqualTo(422);
  }

  /** Seeded NH accounts of people (SH Pay's own settlement account has a business number instead of a birth date). */
  static List<Account> personalAccounts() {
    return STACK.nh().bank().accounts().stream().filter(a -> a.birthDate().length() == 8).toList();
  }
}
