package io.shpay.webhook;

import io.shpay.events.PaymentEvent;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * Turns each payment event into a delivery for its merchant, if the merchant has an endpoint, with
 * the {@link WebhookBody} built from it.
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
        : deliveries.enqueue(event.merchantId(), event.id(), event.type().wire(), event.paymentId(),
            WebhookBody.of(event).encode(),
            giveUpAfter));
  }
}
