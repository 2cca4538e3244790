package io.shpay.api;

import io.shpay.payment.CheckoutRecord;
import io.shpay.payment.NewMerchant;
import io.shpay.payment.PaymentRecord;
import io.shpay.payment.RefundRecord;
import io.shpay.payment.RepairRecord;
import io.vertx.core.json.JsonObject;

/**
 * The REST bodies of payments, refunds, checkouts, repairs and new merchants, built field by field from the
 * records the payment service answers with. A field reaches merchants and users only when it is
 * written here; adding one changes the REST API alone, never the Kafka event or the webhook body.
 */
final class PaymentJson {

  private PaymentJson() {}

  static JsonObject payment(PaymentRecord payment) {
    return new JsonObject()
        .put("id", payment.id())
        .put("checkoutId", payment.checkoutId())
        .put("merchantId", payment.merchantId())
        .put("amount", payment.amount())
        .put("refundedAmount", payment.refundedAmount())
        .put("currency", "KRW")
        .put("status", payment.status().name())
        .put("rail", payment.rail().name())
        .put("bankCode", payment.bankCode())
        .put("bankMessage", payment.bankMessage())
        .put("createdAt", payment.createdAt().toString())
        .put("updatedAt", payment.updatedAt().toString());
  }

  static JsonObject refund(RefundRecord refund) {
    return new JsonObject()
        .put("id", refund.id())
        .put("paymentId", refund.paymentId())
        .put("amount", refund.amount())
        .put("currency", "KRW")
        .put("reason", refund.reason())
        .put("status", refund.status().name())
        .put("bankCode", refund.bankCode())
        .put("bankMessage", refund.bankMessage())
        .put("createdAt", refund.createdAt().toString());
  }

  static JsonObject checkout(CheckoutRecord checkout) {
    return new JsonObject()
        .put("id", checkout.id())
        .put("merchantId", checkout.merchantId())
        .put("orderId", checkout.orderId())
        .put("amount", checkout.amount())
        .put("currency", "KRW")
        .put("itemName", checkout.itemName())
        .put("status", checkout.status().name())
        .put("createdAt", checkout.createdAt().toString());
  }

  /** The only answer that shows the API key. */
  static JsonObject merchant(NewMerchant merchant) {
    return new JsonObject()
        .put("id", merchant.id())
        .put("name", merchant.name())
        .put("apiKey", merchant.apiKey())
        .put("apiKeyHint", merchant.apiKeyHint());
  }

  static JsonObject repair(RepairRecord repair) {
    JsonObject json = new JsonObject()
        .put("id", repair.id())
        .put("kind", repair.kind())
        .put("movementId", repair.movementId())
        .put("paymentId", repair.paymentId())
        .put("outcome", repair.outcome().name())
        .put("bankTransactionId", repair.bankTransactionId())
        .put("reason", repair.reason())
        .put("repairedBy", repair.repairedBy());
    return repair.refund() != null
        ? json.put("refund", refund(repair.refund()))
        : json.put("payment", payment(repair.payment()));
  }
}
