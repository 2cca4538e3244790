package io.shpay.notify;

import io.shpay.events.PaymentEvent;
import io.vertx.core.json.JsonObject;

/** What a user's screen is told about a payment event: the outcome, not SH Pay's internals. */
final class OutcomeViews {

  private OutcomeViews() {}

  /** The event name on the stream, e.g. {@code payment.approved} or {@code payment.refunded}. */
  static String eventName(PaymentEvent event) {
    return event.type().substring("shpay.".length());
  }

  static JsonObject of(PaymentEvent event) {
    JsonObject payment = event.payment();
    JsonObject view = new JsonObject()
        .put("eventId", event.id())
        .put("paymentId", event.paymentId())
        .put("sequence", event.sequence())
        .put("merchantId", event.merchantId())
        .put("orderId", payment.getString("orderId"))
        .put("amount", payment.getLong("amount"))
        .put("refundedAmount", payment.getLong("refundedAmount"))
        .put("currency", "KRW")
        .put("status", payment.getString("status"))
        .put("bankCode", payment.getString("bankCode"))
        .put("bankMessage", payment.getString("bankMessage"))
        .put("occurredAt", event.data().getString("occurredAt"));
    event.refund().ifPresent(refund -> view.put("refund", new JsonObject()
        .put("id", refund.getString("id"))
        .put("amount", refund.getLong("amount"))
        .put("status", refund.getString("status"))
        .put("bankCode", refund.getString("bankCode"))
        .put("bankMessage", refund.getString("bankMessage"))));
    return view;
  }
}
