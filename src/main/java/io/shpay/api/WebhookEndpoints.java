package io.shpay.api;

import io.shpay.webhook.WebhookDelivery;
import io.shpay.webhook.WebhookService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * A merchant's own webhook set-up, with its {@code X-Api-Key}: the endpoint URL, the signing
 * secret (shown on registration and rotation), the recent deliveries with every attempt, and
 * re-sending one.
 */
final class WebhookEndpoints {

  private static final String BASE = "/api/v1/merchant/webhook";
  private static final int DEFAULT_LIMIT = 20;

  private final WebhookService webhooks;
  private final MerchantAuthentication merchants;

  WebhookEndpoints(WebhookService webhooks, MerchantAuthentication merchants) {
    this.webhooks = webhooks;
    this.merchants = merchants;
  }

  void mount(ApiOperations operations) {
    operations.on("setWebhookEndpoint").respond(this::setEndpoint);
    operations.on("getWebhookEndpoint").respond(ctx -> webhooks.endpoint(MerchantAuthentication.merchantId(ctx))
        .map(WebhookJson::endpoint));
    operations.on("removeWebhookEndpoint").respond(ctx ->
        webhooks.removeEndpoint(MerchantAuthentication.merchantId(ctx)).map(removed -> noContent(ctx)));
    operations.on("rotateWebhookSecret").respond(ctx -> {
      ctx.response().putHeader("Cache-Control", "no-store");
      return webhooks.rotateSecret(MerchantAuthentication.merchantId(ctx)).map(WebhookJson::endpoint);
    });
    operations.on("listWebhookDeliveries").respond(this::deliveries);
    operations.on("getWebhookDelivery")
        .respond(ctx -> webhooks.delivery(MerchantAuthentication.merchantId(ctx), deliveryId(ctx))
            .map(WebhookJson::delivery));
    operations.on("resendWebhookDelivery")
        .respond(ctx -> webhooks.resend(MerchantAuthentication.merchantId(ctx), deliveryId(ctx)).map(queued -> {
          ctx.response().setStatusCode(202);
          return WebhookJson.delivery(queued);
        }));
  }


  private Future<JsonObject> setEndpoint(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("url"));
    String url = body.requiredString("url", 8, 2000);
    body.validate();
    return webhooks.setEndpoint(MerchantAuthentication.merchantId(ctx), url).map(saved -> {
      // The answer carries the signing secret: no cache may keep it.
      ctx.response().putHeader("Cache-Control", "no-store");
      return WebhookJson.endpoint(saved);
    });
  }

  private Future<JsonObject> deliveries(RoutingContext ctx) {
    // The contract has checked status's values and limit's range.
    String filter = QueryParams.string(ctx, "status");
    WebhookDelivery.Status status = filter == null ? null
        : WebhookDelivery.Status.valueOf(filter.toUpperCase(java.util.Locale.ROOT));
    int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT);
    return webhooks.deliveries(MerchantAuthentication.merchantId(ctx), status, limit)
        .map(WebhookJson::deliveries);
  }

  /** The contract has checked it is an id (one that is not is the 404 of a missing delivery). */
  private static String deliveryId(RoutingContext ctx) {
    return ctx.pathParam("deliveryId");
  }

  private static <T> T noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204);
    return null;
  }
}
