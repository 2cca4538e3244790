package io.shpay.api;

import io.shpay.webhook.WebhookEndpointView;
import io.vertx.core.json.JsonObject;

/** The REST body of a merchant's webhook endpoint, field by field: the secret only when the service handed one out. */
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
}
