package io.shpay.webhook;

import io.shpay.events.PaymentEvent;
import io.vertx.core.json.JsonObject;

/**
 * The body every merchant's webhook receives for a payment event, built field by field: what the
 * merchant may know about its own payment, never SH Pay's user id or the payer's account. A field
 * reaches merchants only when it is written here (and in
 * {@code webhooks/payment-webhook.v1.schema.json}); a new event or REST field does not.
 */
public final class WebhookBody {

  private WebhookBody() {}

  public static JsonObject of(PaymentEvent event) {
    JsonObject data = new JsonObject().put("payment", payment(event.payment()));
    event.refund().ifPresent(refund -> data.put("refund", refund(refund)));
    return new JsonObject()
        .put("id", event.id())
        .put("type", event.type().wire())
        .put("sequence", event.sequence())
        .put("occurredAt", event.occurredAtText())
        .put("data", data);
  }

  private static JsonObject payment(PaymentEvent.Payment payment) {
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
        .put("createdAt", payment.createdAt())
        .put("updatedAt", payment.updatedAt())
        .put("orderId", payment.orderId());
  }

  private static JsonObject refund(PaymentEvent.Refund refund) {
    return new JsonObject()
        .put("id", refund.id())
        .put("paymentId", refund.paymentId())
        .put("amount", refund.amount())
        .put("currency", "KRW")
        .put("reason", refund.reason())
        .put("status", refund.status() == null ? null : refund.status().name())
        .put("bankCode", refund.bankCode())
        .put("bankMessage", refund.bankMessage())
        .put("createdAt", refund.createdAt());
  }
}
