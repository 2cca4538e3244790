package io.shpay.webhook;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.events.DeadLetters;
import io.shpay.events.PaymentEventConsumer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Merchant webhooks. Where the API runs it serves {@link WebhookService}; where the history role
 * runs it consumes payment events in group {@code <prefix>webhooks} (queueing a delivery per event
 * for merchants with an endpoint) and sends due deliveries.
 */
public final class WebhookVerticle extends VerticleBase {

  public static final String CONSUMER = "webhooks";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);

  private final ShpayConfig config;
  private final Clock clock;
  private final boolean serveApi;
  private final boolean deliver;
  private Pool pool;
  private WebClient web;
  private MessageConsumer<JsonObject> service;
  private PaymentEventConsumer consumer;
  private DeadLetters deadLetters;
  private WebhookSender sender;

  public WebhookVerticle(ShpayConfig config, Clock clock, boolean serveApi, boolean deliver) {
    this.config = config;
    this.clock = clock;
    this.serveApi = serveApi;
    this.deliver = deliver;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config.mysql());
    MerchantWebhooks endpoints = new MerchantWebhooks(pool, clock);
    WebhookDeliveries deliveries = new WebhookDeliveries(pool, clock);
    Optional<WebhookSigner> signer = config.notifications().webhookSigningSecret().map(WebhookSigner::new);
    WebhookHosts hosts = WebhookHosts.system(vertx, config.notifications().allowInsecureWebhookUrls());
    if (serveApi) {
      service = new ServiceBinder(vertx).setAddress(WebhookService.ADDRESS).registerLocal(WebhookService.class,
          new WebhookServiceImpl(endpoints, deliveries, signer, config.notifications(), hosts));
    }
    if (!deliver) {
      return Future.succeededFuture();
    }
    if (signer.isEmpty()) {
      LOG.info("webhooks.signingSecret is not set: merchant webhooks are off");
      return Future.succeededFuture();
    }
    web = WebClient.create(vertx, new WebClientOptions().setUserAgent("SH-Pay-Webhooks/1")
        .setConnectTimeout((int) config.notifications().webhookTimeout().toMillis())
        .setFollowRedirects(false));
    sender = new WebhookSender(vertx, web, hosts, deliveries, endpoints, signer.get(), config.notifications(), clock);
    WebhookFanout fanout = new WebhookFanout(endpoints, deliveries, config.notifications().webhookGiveUpAfter());
    deadLetters = DeadLetters.create(vertx, config.kafka().bootstrapServers(), config.history().deadLetterTopic(),
        clock);
    return PaymentEventConsumer.startBatched(vertx, config.kafka().bootstrapServers(),
            config.history().groupId(CONSUMER), config.history(), fanout::handleAll, fanout::handle, deadLetters)
        .onSuccess(started -> {
          consumer = started;
          sender.start();
        });
  }

  @Override
  public Future<?> stop() {
    if (sender != null) {
      sender.stop();
    }
    Future<Void> consuming = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consuming.eventually(() -> {
      if (web != null) {
        web.close();
      }
      return Future.join(deadLetters == null ? Future.succeededFuture() : deadLetters.close(),
          service == null ? Future.succeededFuture() : service.unregister(), pool.close());
    });
  }
}
