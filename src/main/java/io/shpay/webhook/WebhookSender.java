package io.shpay.webhook;

import io.shpay.common.config.NotifyConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends due webhook deliveries, signed, and records every attempt. A delivery that fails (no 2xx,
 * timeout, connection refused) is tried again after {@code webhooks.firstRetryAfter}, doubling up
 * to {@code webhooks.maxRetryGap}, until {@code webhooks.giveUpAfter} has passed since the event;
 * then it is FAILED, and the merchant can re-send it.
 */
final class WebhookSender {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final int BATCH = 20;
  /** What the merchant is told for any attempt that got no HTTP answer. */
  static final String UNREACHABLE = "could not deliver: no HTTP answer from the endpoint";

  private final Vertx vertx;
  private final WebClient web;
  private final WebhookHosts hosts;
  private final WebhookDeliveries deliveries;
  private final MerchantWebhooks endpoints;
  private final WebhookSigner signer;
  private final NotifyConfig config;
  private final Clock clock;
  private boolean stopped;
  private long timer = -1;

  WebhookSender(Vertx vertx, WebClient web, WebhookHosts hosts, WebhookDeliveries deliveries,
      MerchantWebhooks endpoints, WebhookSigner signer, NotifyConfig config, Clock clock) {
    this.vertx = vertx;
    this.web = web;
    this.hosts = hosts;
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.signer = signer;
    this.config = config;
    this.clock = clock;
  }

  void start() {
    schedule(0);
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void schedule(long delayMs) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, delayMs), id -> round().onComplete(done -> {
        if (done.failed()) {
          LOG.warn("Webhook round failed: {}", done.cause().toString());
        }
        boolean more = done.succeeded() && done.result() == BATCH;
        schedule(more ? 0 : config.webhookPollInterval().toMillis());
      }));
    }
  }

  /** One round: lease due deliveries and attempt each; returns how many were leased. */
  Future<Integer> round() {
    Instant leaseUntil = clock.instant().plus(config.webhookTimeout().multipliedBy(2));
    return deliveries.lease(BATCH, leaseUntil).compose(due -> {
      List<Future<Void>> attempts = new ArrayList<>();
      due.forEach(delivery -> attempts.add(attempt(delivery)));
      return Future.join(attempts).map(due.size());
    });
  }

  private Future<Void> attempt(WebhookDeliveries.Due delivery) {
    return endpoints.find(delivery.merchantId()).compose(found -> {
      if (found.isEmpty()) {
        return deliveries.recordAttempt(delivery, "-", null, "the merchant has no webhook endpoint", 0, null);
      }
      MerchantWebhooks.Endpoint endpoint = found.get();
      URI url = URI.create(endpoint.url());
      int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
      long started = System.nanoTime();
      long unixSeconds = clock.instant().getEpochSecond();
      // Checked on every attempt, not only at registration: what a name resolves to can change.
      return hosts.connectable(url.getHost())
          .compose(address -> web.requestAbs(HttpMethod.POST,
                  SocketAddress.inetSocketAddress(port, address.getHostAddress()), endpoint.url())
              .followRedirects(false)
              .timeout(config.webhookTimeout().toMillis())
              .putHeader("Content-Type", "application/json")
              .putHeader(WebhookSigner.HEADER,
                  signer.signatureHeader(delivery.merchantId(), endpoint.secretVersion(), unixSeconds, delivery.payload()))
              .putHeader("SHPay-Event-Id", delivery.eventId())
              .putHeader("SHPay-Event-Type", delivery.eventType())
              .putHeader("SHPay-Delivery-Id", delivery.id())
              .sendBuffer(Buffer.buffer(delivery.payload())))
          .transform(sent -> {
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            if (sent.succeeded() && sent.result().statusCode() / 100 == 2) {
              return deliveries.recordAttempt(delivery, endpoint.url(), sent.result().statusCode(), null, durationMs,
                  null);
            }
            Integer status = sent.succeeded() ? sent.result().statusCode() : null;
            if (sent.failed()) {
              // The merchant reads the attempt log: one reason for every way of not connecting, so that it
              // cannot tell a refused port from a closed one or an internal address (no port scanning
              // through SH Pay). The difference is logged for SH Pay's operators, host only.
              LOG.info("Webhook delivery {} for merchant {} to host {} not sent: {}", delivery.id(),
                  delivery.merchantId(), url.getHost(), sent.cause() instanceof WebhookHosts.Refused refused
                      ? refused.getMessage() : sent.cause().getClass().getSimpleName());
            }
            String error = sent.succeeded() ? "HTTP " + status : UNREACHABLE;
            return deliveries.recordAttempt(delivery, endpoint.url(), status, error, durationMs, nextAttempt(delivery));
          });
    });
  }

  private Instant nextAttempt(WebhookDeliveries.Due delivery) {
    Duration gap = config.webhookFirstRetryAfter().multipliedBy(1L << Math.min(delivery.attempts(), 20));
    if (gap.compareTo(config.webhookMaxRetryGap()) > 0) {
      gap = config.webhookMaxRetryGap();
    }
    Instant next = clock.instant().plus(gap);
    return next.isAfter(delivery.giveUpAt()) ? null : next;
  }
}
