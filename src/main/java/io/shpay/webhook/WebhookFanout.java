package io.shpay.webhook;

import io.shpay.events.PaymentEvent;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns each payment event into a delivery for its merchant, if the merchant has an endpoint, with
 * the {@link WebhookBody} built from it. A polled batch looks its merchants' endpoints up in one statement: most
 * events are for merchants without one, and a lookup per event was a MySQL round trip per payment.
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

  /** The events in order, their merchants' endpoints read once; idempotent by event id, as {@link #handle} is. */
  Future<Void> handleAll(List<PaymentEvent> events) {
    Set<String> merchantIds = new HashSet<>();
    events.forEach(event -> merchantIds.add(event.merchantId()));
    return endpoints.findAll(merchantIds).compose(found -> {
      Future<Void> inOrder = Future.succeededFuture();
      for (PaymentEvent event : events) {
        if (found.containsKey(event.merchantId())) {
          inOrder = inOrder.compose(previous -> enqueue(event));
        }
      }
      return inOrder;
    });
  }

  Future<Void> handle(PaymentEvent event) {
    return endpoints.find(event.merchantId())
        .compose(endpoint -> endpoint.isEmpty() ? Future.succeededFuture() : enqueue(event));
  }

  private Future<Void> enqueue(PaymentEvent event) {
    return deliveries.enqueue(event.merchantId(), event.id(), event.type().wire(), event.paymentId(),
        WebhookBody.of(event).encode(), giveUpAfter);
  }
}
