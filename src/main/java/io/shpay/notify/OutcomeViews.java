package io.shpay.notify;

import io.shpay.events.PaymentEvent;
import io.vertx.core.json.JsonObject;

/** What a user's screen is told about a payment event: the outcome, not SH Pay's internals. */
final class OutcomeViews {

  private OutcomeViews() {}

  /** The event name on the stream, e.g. {@code payment.approved} or {@code payment.refunded}. */
  static String eventName(PaymentEvent event) {
    return event.type().notificationName();
  }

  static JsonObject of(PaymentEvent event) {
    PaymentEvent.Payment payment = event.payment();
    JsonObject view = new JsonObject()
        .put("eventId", event.id())
        .put("paymentId", event.paymentId())
        .put("sequence", event.sequence())
        .put("merchantId", event.merchantId())
        .put("orderId", payment.orderId())
        .put("amount", payment.amount())
        .put("refundedAmount", payment.refundedAmount())
        .put("currency", "KRW")
        .put("status", payment.status().name())
        .put("bankCode", payment.bankCode())
        .put("bankMessage", payment.bankMessage())
        .put("occurredAt", event.occurredAtText());
    event.refund().ifPresent(refund -> view.put("refund", new JsonObject()
        .put("id", refund.id())
        .put("amount", refund.amount())
        .put("status", refund.status() == null ? null : refund.status().name())
        .put("bankCode", refund.bankCode())
        .put("bankMessage", refund.bankMessage())));
    return view;
  }
}
