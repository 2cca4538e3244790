package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTap;
import io.shpay.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
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
    STACK.sandbox().faults().clear();
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
    return refund(null, merchant, paymentId, amount, key);
  }

  /** A refund through {@code client}, or the stack's own client when it is null. */
  static Future<HttpResponse<Buffer>> refund(WebClient client, JsonObject merchant, String paymentId, long amount,
      String key) {
    return (client == null ? STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        : STACK.api().request(client, HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds"))
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

    int drawings = STACK.nh().bank().drawingCount(finAcno(user));
    HttpResponse<Buffer> paid = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    JsonObject payment = paid.bodyAsJsonObject();
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(STACK.nh().bank().drawingCount(finAcno(user))).as("one DrawingTransfer at the bank").isEqualTo(drawings + 1);
    assertThat(payment.getString("status")).isEqualTo("APPROVED");
    assertThat(payment.getLong("amount")).isEqualTo(10_000L);
    assertThat(payment.getString("rail")).isEqualTo("NH");
    assertThat(balance(account)).isEqualTo(before - 10_000);

    HttpResponse<Buffer> seen = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + payment.getString("id"))
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    List<EventTap.Event> published = await(events.await(payment.getString("id"), Set.of("shpay.payment.approved")));
    assertThat(seen.statusCode()).isEqualTo(200);
    assertThat(seen.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(published).as("exactly one event, the approval").hasSize(1);
    EventTap.Event approved = published.get(0);
    assertThat(approved.type()).isEqualTo("shpay.payment.approved");
    assertThat(approved.key()).as("Kafka key").isEqualTo(payment.getString("id"));
    assertThat(approved.headers().get("ce_subject")).isEqualTo(payment.getString("id"));
    assertThat(approved.data().getJsonObject("payment").getString("id")).isEqualTo(payment.getString("id"));
    assertThat(approved.data().getJsonObject("payment").getLong("amount")).isEqualTo(10_000L);
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
    String fintech = await(STACK.fintechUseNum(accountId));
    // A move between the person's own two accounts first: its deposit leg fetches SH Pay's own KFTC token, so the
    // token fault below can only strike the user's token.
    String otherAccountId = user.getJsonArray("accounts").getJsonObject(1).getString("id");
    HttpResponse<Buffer> moved = await(STACK.transfer(user.getString("accessToken"), "", UUID.randomUUID().toString(),
        new JsonObject().put("fromAccountId", otherAccountId).put("toAccountId", accountId).put("amount", 1)));
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(201);
    assertThat(moved.bodyAsJsonObject().getString("status")).isEqualTo("COMPLETED");
    String checkoutId = await(STACK.checkout(merchant, 2_000));

    // KFTC revokes the user's token and refuses to renew it: open banking answers consent_required.
    long before = STACK.sandbox().bank().balance(fintech);
    int withdrawals = STACK.sandbox().bank().withdrawCount(fintech);
    STACK.sandbox().expireAccessTokens();
    STACK.sandbox().faults().failNext("/oauth/2.0/token", 1, "O0002", null);
    HttpResponse<Buffer> response = await(pay(user.getString("accessToken"), checkoutId, accountId, UUID.randomUUID().toString()));
    STACK.sandbox().faults().clear();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).as(response.bodyAsString()).isEqualTo("FAILED");
    assertThat(response.bodyAsJsonObject().getString("bankCode")).isEqualTo("consent_required");
    assertThat(STACK.sandbox().bank().balance(fintech)).as("no money moved").isEqualTo(before);
    assertThat(STACK.sandbox().bank().withdrawCount(fintech)).isEqualTo(withdrawals);
  }

  @Test
  void aRefusedChargeIsFailedWithTheBanksReasonAndTheCheckoutCanBePaidAgain() {
    Account poor = poorAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject broke = await(STACK.userWithFinAccount(poor));
    JsonObject rich = await(STACK.userWithFinAccount(richAccount()));
    long tooMuch = balance(poor) + 1;
    long poorBefore = balance(poor);
    int brokeDrawings = STACK.nh().bank().drawingCount(finAcno(broke));
    String checkoutId = await(STACK.checkout(merchant, tooMuch));

    HttpResponse<Buffer> failed = await(pay(broke.getString("accessToken"), checkoutId, broke.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(failed.statusCode()).isEqualTo(200);
    JsonObject payment = failed.bodyAsJsonObject();
    assertThat(payment.getString("status")).isEqualTo("FAILED");
    assertThat(payment.getString("bankCode")).isEqualTo("E0201");
    assertThat(payment.getString("bankMessage")).isNotBlank();
    assertThat(balance(poor)).as("a refused charge moves no money").isEqualTo(poorBefore);
    assertThat(STACK.nh().bank().drawingCount(finAcno(broke))).isEqualTo(brokeDrawings);

    HttpResponse<Buffer> second = await(pay(rich.getString("accessToken"), checkoutId, rich.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(second.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
  }

  /** Guards the checkout's row lock (FOR UPDATE in Checkouts): without it, racers that read OPEN each charge. */
  @Test
  void fiftyConcurrentPaysOfOneCheckoutChargeExactlyOnce() {
    Account account = richAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    long before = balance(account);
    String checkoutId = await(STACK.checkout(merchant, 1_000));

    int drawings = STACK.nh().bank().drawingCount(finAcno(user));
    WebClient racers = STACK.racingClient();
    try {
      List<Future<HttpResponse<Buffer>>> racing = java.util.stream.IntStream.range(0, 50)
          .mapToObj(i -> STACK.pay(racers, user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
              UUID.randomUUID().toString()))
          .toList();
      await(Future.join(racing));
      List<Integer> statuses = racing.stream().map(f -> f.result().statusCode()).toList();
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
      assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
      assertThat(balance(account)).isEqualTo(before - 1_000);
      assertThat(STACK.nh().bank().drawingCount(finAcno(user))).as("one DrawingTransfer at the bank").isEqualTo(drawings + 1);
    } finally {
      racers.close();
    }
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

    WebClient racers = STACK.racingClient();
    List<Future<HttpResponse<Buffer>>> racing = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> refund(racers, merchant, paymentId, 1_000, UUID.randomUUID().toString()))
        .toList();
    try {
      await(Future.join(racing));
    } finally {
      racers.close();
    }
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
    Account payer = richAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(payer));
    String checkoutId = await(STACK.checkout(merchant, 5_000));
    HttpResponse<Buffer> paid = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    String paymentId = paid.bodyAsJsonObject().getString("id");
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    long before = balance(payer);

    HttpResponse<Buffer> first = await(refund(merchant, paymentId, 2_000, UUID.randomUUID().toString()));
    HttpResponse<Buffer> over = await(refund(merchant, paymentId, 3_001, UUID.randomUUID().toString()));
    HttpResponse<Buffer> rest = await(refund(merchant, paymentId, 3_000, UUID.randomUUID().toString()));
    HttpResponse<Buffer> oneWonMore = await(refund(merchant, paymentId, 1, UUID.randomUUID().toString()));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(over.statusCode()).isEqualTo(422);
    assertThat(over.bodyAsJsonObject().getString("code")).isEqualTo("refund_exceeds_payment");
    assertThat(rest.statusCode()).isEqualTo(201);
    assertThat(rest.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(oneWonMore.statusCode()).as("nothing is left to refund").isEqualTo(422);
    assertThat(oneWonMore.bodyAsJsonObject().getString("code")).isEqualTo("refund_exceeds_payment");

    HttpResponse<Buffer> seen = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + paymentId)
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    assertThat(seen.bodyAsJsonObject().getLong("refundedAmount")).isEqualTo(5_000L);
    assertThat(balance(payer)).as("the payer got back what was refunded").isEqualTo(before + 5_000);

    List<EventTap.Event> refunded = await(Eventually.until(STACK.vertx(),
        () -> Future.succeededFuture(events.of(paymentId).stream().filter(e -> e.type().equals("shpay.payment.refunded")).toList()),
        seenEvents -> seenEvents.size() >= 2, "published both refunds of " + paymentId));
    assertThat(refunded).as("one refunded event per approved refund").hasSize(2);
    assertThat(refunded.stream().map(e -> e.data().getJsonObject("refund").getLong("amount")))
        .containsExactlyInAnyOrder(2_000L, 3_000L);
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
    Account payer = richAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(payer));
    String key = UUID.randomUUID().toString();
    String checkoutId = await(STACK.checkout(merchant, 1_500));
    long before = balance(payer);
    int drawings = STACK.nh().bank().drawingCount(finAcno(user));

    HttpResponse<Buffer> first = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));
    HttpResponse<Buffer> replay = await(pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), key));
    HttpResponse<Buffer> other = await(pay(user.getString("accessToken"), checkoutId, UUID.randomUUID().toString(), key));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(other.statusCode()).isEqualTo(422);
    assertThat(other.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(balance(payer)).as("charged once").isEqualTo(before - 1_500);
    assertThat(STACK.nh().bank().drawingCount(finAcno(user))).as("one DrawingTransfer at the bank").isEqualTo(drawings + 1);
  }

  /** The NH FinAcno behind a user's FinAccount, read from MySQL (the API never shows it). */
  private static String finAcno(JsonObject user) {
    return await(STACK.finAcno(user.getString("finAccountId")));
  }

  /** Seeded NH accounts of people (SH Pay's own settlement account has a business number instead of a birth date). */
  static List<Account> personalAccounts() {
    return STACK.nh().bank().accounts().stream().filter(a -> a.birthDate().length() == 8).toList();
  }
}
