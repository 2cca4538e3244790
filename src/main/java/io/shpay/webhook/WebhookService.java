package io.shpay.webhook;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * A merchant's webhook endpoint and its deliveries, served by {@link WebhookVerticle} wherever the
 * API runs. Every method acts for one merchant: another merchant's delivery is {@code not_found}.
 *
 * <p>Failures: {@code validation_failed} (url), {@code not_found}, {@code service_unavailable}
 * (webhooks are off: no {@code webhooks.signingSecret}).
 */
@ProxyGen
@VertxGen
public interface WebhookService {

  String ADDRESS = "shpay.webhook";

  static WebhookService proxy(Vertx vertx) {
    return new WebhookServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * Registers or replaces the endpoint, with its {@code signingSecret} only when this call created
   * the endpoint (a URL change keeps the secret).
   */
  Future<WebhookEndpointView> setEndpoint(String merchantId, String url);

  /** The endpoint, never with the secret, which is shown on creation and rotation only. */
  Future<WebhookEndpointView> endpoint(String merchantId);

  Future<Void> removeEndpoint(String merchantId);

  /** A new signing secret, shown in this answer only; the old one stops working at once. */
  Future<WebhookEndpointView> rotateSecret(String merchantId);

  /** The most recent deliveries, newest first, only those with {@code status} unless it is null. */
  Future<List<WebhookDelivery>> deliveries(String merchantId, WebhookDelivery.Status status, int limit);

  /** One delivery with its payload and every attempt. */
  Future<WebhookDelivery> delivery(String merchantId, String deliveryId);

  /** Queues a delivered or failed delivery again; the answer is the delivery as it now stands. */
  Future<WebhookDelivery> resend(String merchantId, String deliveryId);
}
