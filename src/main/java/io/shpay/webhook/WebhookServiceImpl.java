package io.shpay.webhook;

import io.shpay.common.config.NotifyConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@link WebhookService} over the endpoint and delivery tables. */
final class WebhookServiceImpl implements WebhookService {

  private final MerchantWebhooks endpoints;
  private final WebhookDeliveries deliveries;
  private final Optional<WebhookSigner> signer;
  private final NotifyConfig config;
  private final WebhookHosts hosts;

  WebhookServiceImpl(MerchantWebhooks endpoints, WebhookDeliveries deliveries, Optional<WebhookSigner> signer,
      NotifyConfig config, WebhookHosts hosts) {
    this.hosts = hosts;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.signer = signer;
    this.config = config;
  }

  @Override
  public Future<WebhookEndpointView> setEndpoint(String merchantId, String url) {
    return enabled().compose(signing -> {
      URI valid;
      try {
        valid = WebhookUrls.validate(url, config.allowInsecureWebhookUrls());
      } catch (RuntimeException invalid) {
        return Future.failedFuture(invalid);
      }
      // One answer for a name that does not resolve and one that resolves inside: no map of SH Pay's network.
      return hosts.connectable(valid.getHost())
          .recover(refused -> Future.failedFuture(Failures.invalid("url", "must point at a public host")))
          .compose(allowed -> endpoints.save(merchantId, valid.toString()))
          .map(saved -> saved.created() ? withSecret(saved.endpoint(), signing) : view(saved.endpoint()));
    });
  }

  @Override
  public Future<WebhookEndpointView> endpoint(String merchantId) {
    return enabled().compose(signing -> endpoints.find(merchantId).compose(found -> found
        .map(endpoint -> Future.succeededFuture(view(endpoint)))
        .orElseGet(WebhookServiceImpl::noEndpoint)));
  }

  @Override
  public Future<Void> removeEndpoint(String merchantId) {
    return endpoints.delete(merchantId).compose(removed -> removed ? Future.succeededFuture()
        : Failures.fail(ErrorCode.NOT_FOUND, "No webhook endpoint is registered."));
  }

  @Override
  public Future<WebhookEndpointView> rotateSecret(String merchantId) {
    return enabled().compose(signing -> endpoints.rotateSecret(merchantId).compose(found -> found
        .map(endpoint -> Future.succeededFuture(withSecret(endpoint, signing)))
        .orElseGet(WebhookServiceImpl::noEndpoint)));
  }

  @Override
  public Future<List<WebhookDelivery>> deliveries(String merchantId, WebhookDelivery.Status status, int limit) {
    return deliveries.recent(merchantId, status, limit);
  }

  @Override
  public Future<WebhookDelivery> delivery(String merchantId, String deliveryId) {
    return deliveries.find(merchantId, deliveryId).compose(found -> found.map(Future::succeededFuture)
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "There is no such delivery.")));
  }

  @Override
  public Future<WebhookDelivery> resend(String merchantId, String deliveryId) {
    return deliveries.resend(merchantId, deliveryId, config.webhookGiveUpAfter())
        .compose(queued -> delivery(merchantId, deliveryId));
  }

  private Future<WebhookSigner> enabled() {
    return signer.map(Future::succeededFuture).orElseGet(() -> Failures.fail(ErrorCode.SERVICE_UNAVAILABLE,
        "Webhooks are switched off on this SH Pay (no webhooks.signingSecret)."));
  }

  private static <T> Future<T> noEndpoint() {
    return Failures.fail(ErrorCode.NOT_FOUND, "No webhook endpoint is registered.");
  }

  /** The endpoint as anyone holding the merchant's key may read it again and again: never the secret. */
  private static WebhookEndpointView view(MerchantWebhooks.Endpoint endpoint) {
    return new WebhookEndpointView(endpoint.url(), endpoint.secretVersion(), endpoint.updatedAt(), null);
  }

  /** Only the answers that create or rotate a secret show it: once, like an API key. */
  private static WebhookEndpointView withSecret(MerchantWebhooks.Endpoint endpoint, WebhookSigner signer) {
    return new WebhookEndpointView(endpoint.url(), endpoint.secretVersion(), endpoint.updatedAt(),
        signer.secretFor(endpoint.merchantId(), endpoint.secretVersion()));
  }
}
