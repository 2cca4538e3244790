package io.shpay.api;

import io.shpay.webhook.WebhookAttempt;
import io.shpay.webhook.WebhookDelivery;
import io.shpay.webhook.WebhookEndpointView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * The REST bodies of a merchant's webhook set-up, field by field: the endpoint (the secret only when the service
 * handed one out) and its deliveries (the body sent and the attempts only when one delivery is read).
 */
final class WebhookJson {

  private WebhookJson() {}

  static JsonObject endpoint(WebhookEndpointView endpoint) {
    JsonObject json = new JsonObject()
        .put("url", endpoint.url())
        .put("secretVersion", endpoint.secretVersion())
        .put("updatedAt", endpoint.updatedAt());
    if (endpoint.signingSecret() != null) {
      json.put("signingSecret", endpoint.signingSecret());
    }
    return json;
  }

  static JsonObject deliveries(List<WebhookDelivery> deliveries) {
    JsonArray items = new JsonArray();
    deliveries.forEach(delivery -> items.add(delivery(delivery)));
    return new JsonObject().put("items", items);
  }

  static JsonObject delivery(WebhookDelivery delivery) {
    JsonObject json = new JsonObject()
        .put("id", delivery.id())
        .put("eventId", delivery.eventId())
        .put("eventType", delivery.eventType())
        .put("paymentId", delivery.paymentId())
        .put("status", delivery.status().name())
        .put("attempts", delivery.attempts())
        .put("lastStatusCode", delivery.lastStatusCode())
        .put("lastError", delivery.lastError())
        .put("nextAttemptAt", text(delivery.nextAttemptAt()))
        .put("createdAt", text(delivery.createdAt()))
        .put("deliveredAt", text(delivery.deliveredAt()));
    if (delivery.attemptLog() != null) {
      JsonArray log = new JsonArray();
      delivery.attemptLog().forEach(attempt -> log.add(attempt(attempt)));
      json.put("attemptLog", log);
    }
    if (delivery.payload() != null) {
      json.put("payload", new JsonObject(delivery.payload()));
    }
    return json;
  }

  private static JsonObject attempt(WebhookAttempt attempt) {
    return new JsonObject()
        .put("attempt", attempt.attempt())
        .put("url", attempt.url())
        .put("statusCode", attempt.statusCode())
        .put("error", attempt.error())
        .put("durationMs", attempt.durationMs())
        .put("attemptedAt", attempt.attemptedAt().toString());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
