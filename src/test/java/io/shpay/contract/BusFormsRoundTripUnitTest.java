package io.shpay.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.chat.ChatAnswer;
import io.shpay.chat.ChatConversation;
import io.shpay.chat.ChatTurn;
import io.shpay.common.json.MovementQuery;
import io.shpay.openbanking.AccountBalance;
import io.shpay.openbanking.AccountBalances;
import io.shpay.openbanking.AccountSyncResult;
import io.shpay.openbanking.AccountTransaction;
import io.shpay.openbanking.AccountView;
import io.shpay.openbanking.BalanceView;
import io.shpay.openbanking.BankMovementPage;
import io.shpay.openbanking.BankProfile;
import io.shpay.openbanking.MoveRequest;
import io.shpay.openbanking.MoveView;
import io.shpay.openbanking.TransactionPage;
import io.shpay.openbanking.TransactionQuery;
import io.shpay.openbanking.TransferRequest;
import io.shpay.openbanking.TransferView;
import io.shpay.payment.FinAccountBalance;
import io.shpay.payment.FinAccountHistoryPage;
import io.shpay.payment.FinAccountHistoryQuery;
import io.shpay.payment.FinAccountLine;
import io.shpay.payment.FinAccountView;
import io.shpay.payment.PaymentMovementPage;
import io.shpay.payment.PaymentRecord;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import io.shpay.payment.RefundRecord;
import io.shpay.payment.RepairRequest;
import io.shpay.payment.UserPayment;
import io.shpay.payment.UserPaymentQuery;
import io.shpay.payment.UserRefund;
import io.shpay.user.LiftedLoginLimits;
import io.shpay.user.SessionView;
import io.shpay.webhook.WebhookAttempt;
import io.shpay.webhook.WebhookDelivery;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A data object crosses the event bus as its JSON form and is rebuilt from it on the other side: whatever it
 * carries must come back unchanged, or the service's answer silently loses a field on its way to the API.
 */
class BusFormsRoundTripUnitTest {

  private static final Instant AT = Instant.parse("2026-11-21T05:06:07.123Z");
  private static final LocalDate DAY = LocalDate.parse("2026-11-21");
  private static final AccountView ACCOUNT = new AccountView("a1", "004", "KB", "123456****", null, "김민지", true);
  private static final TransferView TRANSFER = new TransferView("t1", "WITHDRAW", "a1", 5_000, "APPROVED", "T1",
      "20261121", "000", "ok", AT);

  @Test
  void webhookSessionAndChatForms() {
    survives(new WebhookDelivery("d1", "e1", "payment.approved", null, WebhookDelivery.Status.PENDING, 0, null, null,
        AT, AT, null, null, null), WebhookDelivery::toJson, WebhookDelivery::new);
    survives(new WebhookDelivery("d1", "e1", "payment.approved", "p1", WebhookDelivery.Status.DELIVERED, 1, 200, null,
        null, AT, AT, "{\"a\":1}", List.of(new WebhookAttempt(1, "https://x.example", 200, null, 9, AT))),
        WebhookDelivery::toJson, WebhookDelivery::new);
    survives(new SessionView("s1", true, AT, AT, AT, null), SessionView::toJson, SessionView::new);
    survives(new LiftedLoginLimits(true, false), LiftedLoginLimits::toJson, LiftedLoginLimits::new);
    survives(new ChatAnswer("c1", "hi", List.of("list_accounts")), ChatAnswer::toJson, ChatAnswer::new);
    survives(new ChatConversation("c1", List.of(new ChatTurn("user", "q"), new ChatTurn("assistant", "a"))),
        ChatConversation::toJson, ChatConversation::new);
  }

  @Test
  void paymentForms() {
    survives(new FinAccountView("f1", "011", "3020****", null, FinAccountView.Status.VERIFIED, AT, null),
        FinAccountView::toJson, FinAccountView::new);
    survives(new FinAccountView("f1", "011", "3020****", "Pay", FinAccountView.Status.PENDING_VERIFICATION, AT, AT),
        FinAccountView::toJson, FinAccountView::new);
    survives(new FinAccountBalance("f1", 10, 9, AT, true), FinAccountBalance::toJson, FinAccountBalance::new);
    survives(new FinAccountHistoryPage(List.of(new FinAccountLine("2026-11-21", "14:05:09",
        FinAccountLine.Direction.OUT, "SHPAY", 1_000, 9_000, false)), true),
        FinAccountHistoryPage::toJson, FinAccountHistoryPage::new);
    survives(FinAccountHistoryQuery.of(DAY, DAY, FinAccountHistoryQuery.Direction.IN, 25, 2),
        FinAccountHistoryQuery::toJson, FinAccountHistoryQuery::new);
    PaymentRecord payment = new PaymentRecord("p1", "c1", "m1", "u1", 10_000, 0, PaymentStatus.UNKNOWN, Rail.KFTC,
        null, null, AT, AT);
    RefundRecord refund = new RefundRecord("r1", "p1", 1_000, null, PaymentStatus.REQUESTED, null, null, AT);
    survives(new PaymentMovementPage(List.of(new UserPayment(payment, "o1", "Socks", "Shop")),
        List.of(new UserRefund(refund, "Socks", "Shop"))), PaymentMovementPage::toJson, PaymentMovementPage::new);
    survives(new MovementQuery(AT, AT, "", List.of(), 26, List.of()), MovementQuery::toJson, MovementQuery::new);
    survives(new MovementQuery(AT, AT, "x", List.of("APPROVED"), 26, List.of("refund")), MovementQuery::toJson,
        MovementQuery::new);
    survives(new UserPaymentQuery(null, DAY, DAY, 10), UserPaymentQuery::toJson, UserPaymentQuery::new);
    survives(new UserPaymentQuery(PaymentStatus.FAILED, DAY, DAY, 10), UserPaymentQuery::toJson,
        UserPaymentQuery::new);
    survives(new RepairRequest(RepairRequest.Kind.REFUND, "r1", RepairRequest.Outcome.FAILED, "T1", AT,
        "the bank's statement shows it"), RepairRequest::toJson, RepairRequest::new);
    survives(new RepairRequest(RepairRequest.Kind.PAYMENT, "p1", RepairRequest.Outcome.APPROVED, "T1", null,
        "the bank's statement shows it"), RepairRequest::toJson, RepairRequest::new);
  }

  @Test
  void openBankingForms() {
    survives(new AccountBalances(List.of(AccountBalance.answered(ACCOUNT, new BalanceView("a1", 10, 9, AT, false)),
        AccountBalance.failed(ACCOUNT, "bank_unavailable", "The bank did not answer in time")), 10, false),
        AccountBalances::toJson, AccountBalances::new);
    survives(new AccountSyncResult(1, 0, 2, List.of(ACCOUNT)), AccountSyncResult::toJson, AccountSyncResult::new);
    survives(new BankProfile("1100000001", "김민지", 3), BankProfile::toJson, BankProfile::new);
    survives(new TransactionPage(List.of(new AccountTransaction("2026-11-21", "14:05:09",
        AccountTransaction.Direction.IN, "입금", "급여", 100, 200)), null), TransactionPage::toJson, TransactionPage::new);
    survives(TransactionQuery.of(DAY, DAY, TransactionQuery.Direction.ALL, "trace"), TransactionQuery::toJson,
        TransactionQuery::new);
    MoveView move = new MoveView("mv1", "a1", "a2", 5_000, "RETURNED", TRANSFER, TRANSFER, null, AT, AT);
    survives(move, MoveView::toJson, MoveView::new);
    survives(new BankMovementPage(List.of(move), List.of(TRANSFER)), BankMovementPage::toJson, BankMovementPage::new);
    survives(MoveRequest.of("u1", "k1", "a1", "a2", 5_000, null), MoveRequest::toJson, MoveRequest::new);
    TransferRequest plain = TransferRequest.of(TransferRequest.Kind.DEPOSIT, "u1", "a1", 1_000, "김민지", "SHPAY");
    survives(plain, TransferRequest::toJson, TransferRequest::new);
    survives(plain.withClaim("refund:r1").withTransferId("t9").withIdempotencyKey("k").asPaymentLeg(),
        TransferRequest::toJson, TransferRequest::new);
    assertThat(plain.toJson().fieldNames()).as("a field never set is absent").doesNotContain("claim", "transferId",
        "idempotencyKey", "paymentLeg");
  }

  private static <T> void survives(T value, Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    JsonObject sent = toJson.apply(value);
    JsonObject received = toJson.apply(fromJson.apply(new JsonObject(sent.encode())));
    assertThat(received).as(value.getClass().getSimpleName()).isEqualTo(sent);
  }
}
