package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.openbanking.BankMovementPage;
import io.shpay.openbanking.MoveView;
import io.shpay.openbanking.TransferView;
import io.shpay.payment.FinAccountView;
import io.shpay.payment.PaymentMovementPage;
import io.shpay.payment.PaymentRecord;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import io.shpay.payment.RefundRecord;
import io.shpay.payment.UserPayment;
import io.shpay.payment.UserRefund;
import io.shpay.webhook.WebhookAttempt;
import io.shpay.webhook.WebhookDelivery;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST bodies built in the API from the bus's data objects are allow-lists: exactly these fields, in this
 * order (the order the bodies had when the services still built them), whatever the data object carries besides.
 */
class BusViewJsonUnitTest {

  private static final Instant AT = Instant.parse("2026-11-21T05:06:07.123Z");

  @Test
  void aTimelinePaymentAndRefundShowTheirOwnFieldsOnly() {
    PaymentRecord payment = new PaymentRecord("p1", "c1", "m1", "u1", 10_000, 3_000, PaymentStatus.APPROVED, Rail.NH,
        "0000", "ok", AT, AT);
    RefundRecord refund = new RefundRecord("r1", "p1", 3_000, "size", PaymentStatus.APPROVED, "0000", "bank words", AT);

    List<JsonObject> items = MovementJson.items(new PaymentMovementPage(
        List.of(new UserPayment(payment, "order-1", "Socks", "Shop")), List.of(new UserRefund(refund, "Socks", "Shop"))));

    assertThat(items.get(0).fieldNames()).containsExactly("id", "checkoutId", "merchantId", "amount",
        "refundedAmount", "currency", "status", "rail", "bankCode", "bankMessage", "createdAt", "updatedAt", "type",
        "orderId", "itemName", "merchantName");
    assertThat(items.get(0).getString("type")).isEqualTo("payment");
    assertThat(items.get(1).fieldNames()).as("no user id, no bank words on a refund item").containsExactly("type",
        "id", "paymentId", "amount", "currency", "reason", "status", "merchantName", "itemName", "createdAt");
    assertThat(items.get(1).getString("createdAt")).isEqualTo("2026-11-21T05:06:07.123Z");
  }

  @Test
  void aMoveShowsItsLegsWithoutTheirAmountsOrTimes() {
    TransferView withdrawal = new TransferView("t1", "WITHDRAW", "a1", 5_000, "APPROVED", "T1", "20261121", "000",
        "ok", AT);
    MoveView move = new MoveView("mv1", "a1", "a2", 5_000, "DEPOSITING", withdrawal, null, null, AT, AT);

    JsonObject item = MovementJson.items(new BankMovementPage(List.of(move), List.of())).get(0);

    assertThat(item.fieldNames()).containsExactly("id", "kind", "fromAccountId", "toAccountId", "amount", "currency",
        "status", "legs", "createdAt", "updatedAt", "type");
    assertThat(item.getJsonObject("legs").getJsonObject("withdrawal").fieldNames()).containsExactly("id", "kind",
        "accountId", "status", "bankTranId", "bankTranDate", "bankRspCode", "bankMessage");
    assertThat(item.getJsonObject("legs").containsKey("deposit")).isTrue();
    assertThat(item.getJsonObject("legs").getValue("deposit")).isNull();
  }

  @Test
  void aVerifiedFinAccountHasNoCodeExpiryAndNeverItsFullNumber() {
    FinAccountView verified = new FinAccountView("f1", "011", "3020000****", null, FinAccountView.Status.VERIFIED,
        AT, null);
    FinAccountView pending = new FinAccountView("f2", "011", "3020000****", "Pay",
        FinAccountView.Status.PENDING_VERIFICATION, AT, AT.plusSeconds(600));

    assertThat(FinAccountJson.finAccount(verified).fieldNames()).containsExactly("id", "bankCode",
        "accountNumMasked", "nickname", "status", "createdAt");
    assertThat(FinAccountJson.finAccount(pending).getString("verificationExpiresAt"))
        .isEqualTo("2026-11-21T05:16:07.123Z");
  }

  @Test
  void aListedDeliveryHasNoBodyOrAttemptsAndOneReadHasBoth() {
    WebhookDelivery listed = new WebhookDelivery("d1", "e1", "payment.approved", "p1", WebhookDelivery.Status.FAILED,
        2, 500, "HTTP 500", null, AT, null, null, null);
    WebhookDelivery read = new WebhookDelivery("d1", "e1", "payment.approved", "p1", WebhookDelivery.Status.FAILED,
        2, 500, "HTTP 500", null, AT, null, "{\"type\":\"payment.approved\"}",
        List.of(new WebhookAttempt(1, "https://shop.example/hook", 500, "HTTP 500", 12, AT)));

    assertThat(WebhookJson.delivery(listed).fieldNames()).containsExactly("id", "eventId", "eventType", "paymentId",
        "status", "attempts", "lastStatusCode", "lastError", "nextAttemptAt", "createdAt", "deliveredAt");
    JsonObject one = WebhookJson.delivery(read);
    assertThat(one.getJsonArray("attemptLog").getJsonObject(0).fieldNames()).containsExactly("attempt", "url",
        "statusCode", "error", "durationMs", "attemptedAt");
    assertThat(one.getJsonObject("payload").getString("type")).isEqualTo("payment.approved");
  }
}
