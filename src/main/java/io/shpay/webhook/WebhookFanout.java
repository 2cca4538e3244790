package io.shpay.webhook;

import io.shpay.events.PaymentEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Turns each payment event into a delivery for its merchant, if the merchant has an endpoint. The
 * body merchants receive is the event without SH Pay's internal user id or the payer's account.
 */
final class WebhookFanout {

  private final MerchantWebhooks endpoints;
  private final WebhookDeliveries deliveries;
  private final Duration giveUpAfter;

  WebhookFanout(MerchantWebhooks endpoints, WebhookDeliveries deliveries, Duration giveUpAfter) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.giveUpAfter = giveUpAfter;
  }

  Future<Void> handle(PaymentEvent event) {
    return endpoints.find(event.merchantId()).compose(endpoint -> endpoint.isEmpty() ? Future.succeededFuture()
        : deliveries.enqueue(event.merchantId(), event.id(), event.type(), event.paymentId(), body(event).encode(),
            giveUpAfter));
  }

  static JsonObject body(PaymentEvent event) {
    JsonObject payment = event.payment().copy();
    payment.remove("userId");
    payment.remove("accountMasked");
    JsonObject data = new JsonObject().put("payment", payment);
    event.refund().ifPresent(refund -> data.put("refund", refund));
    return new JsonObject()
        .put("id", event.id())
        .put("type", event.type())
        .put("sequence", event.sequence())
        .put("occurredAt", event.data().getString("occurredAt"))
        .put("data", data);
  }
}
