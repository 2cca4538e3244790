package io.shpay.api;

import io.shpay.openbanking.BankMovementPage;
import io.shpay.payment.PaymentMovementPage;
import io.shpay.payment.UserPayment;
import io.shpay.payment.UserRefund;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The REST items of a user's money movements ({@code /api/v1/transfers}, {@code /api/v1/timeline}), built from what
 * each capability answers, each with its {@code type}: {@code payment} and {@code refund} field by field from the
 * payment records, {@code move} and {@code withdrawal} as {@link TransferJson} shows them on their own routes.
 */
final class MovementJson {

  private MovementJson() {}

  static List<JsonObject> items(PaymentMovementPage page) {
    List<JsonObject> items = new ArrayList<>();
    page.payments().forEach(payment -> items.add(payment(payment)));
    page.refunds().forEach(refund -> items.add(refund(refund)));
    return items;
  }

  static List<JsonObject> items(BankMovementPage page) {
    List<JsonObject> items = new ArrayList<>();
    page.moves().forEach(move -> items.add(TransferJson.move(move).put("type", "move")));
    page.withdrawals().forEach(withdrawal -> items.add(TransferJson.transfer(withdrawal).put("type", "withdrawal")));
    return items;
  }

  private static JsonObject payment(UserPayment payment) {
    return PaymentJson.payment(payment.payment())
        .put("type", "payment")
        .put("orderId", payment.orderId())
        .put("itemName", payment.itemName())
        .put("merchantName", payment.merchantName());
  }

  private static JsonObject refund(UserRefund item) {
    return new JsonObject()
        .put("type", "refund")
        .put("id", item.refund().id())
        .put("paymentId", item.refund().paymentId())
        .put("amount", item.refund().amount())
        .put("currency", "KRW")
        .put("reason", item.refund().reason())
        .put("status", item.refund().status().name())
        .put("merchantName", item.merchantName())
        .put("itemName", item.itemName())
        .put("createdAt", item.refund().createdAt().toString());
  }
}
