package io.shpay.notify;

import io.shpay.common.config.NotifyConfig;
import io.shpay.common.privacy.AccountMasks;
import io.shpay.events.DependencyUnavailable;
import io.shpay.events.PaymentEvent;
import io.shpay.events.PaymentEventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.text.NumberFormat;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.EnumSet;
import java.util.Set;

/**
 * Tells operators in Slack about payments that failed or whose outcome is unknown, and refunds that
 * failed. Each event alerts once (a Redis claim by event id), at most
 * {@code slack.alertsPerMinute} per minute across all replicas; alerts over the limit are counted
 * and the next alert that goes out says how many were held back. Account numbers are masked and no
 * id that grants access (keys, tokens) is ever part of an event, so none can reach Slack.
 */
public final class SlackAlerts {

  private static final Set<PaymentEventType> ALERTING = EnumSet.of(PaymentEventType.FAILED, PaymentEventType.UNKNOWN,
      PaymentEventType.REFUND_FAILED);
  private static final String SUPPRESSED_KEY = "shpay:slack:suppressed";  // counts until the next alert; 1 day TTL
  private static final String ADMIT = """
      local sent = redis.call('INCR', KEYS[1])
      redis.call('PEXPIRE', KEYS[1], 120000)
      if sent > tonumber(ARGV[1]) then
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], 86400000)
        return -1
      end
      local held = redis.call('GETDEL', KEYS[2])
      return tonumber(held or '0')""";

  private final WebClient web;
  private final RedisAPI redis;
  private final NotifyConfig config;
  private final Clock clock;

  public SlackAlerts(WebClient web, RedisAPI redis, NotifyConfig config, Clock clock) {
    this.web = web;
    this.redis = redis;
    this.config = config;
    this.clock = clock;
  }

  public Future<Void> handle(PaymentEvent event) {
    if (!ALERTING.contains(event.type())) {
      return Future.succeededFuture();
    }
    return alert(event.id(), heldBack -> text(event, heldBack));
  }

  /**
   * An alert that is not about a payment event (e.g. an outcome still unknown after the last
   * look-up), sent once per {@code alertId} under the same per-minute budget as event alerts.
   */
  public Future<Void> operatorAlert(String alertId, String text) {
    return alert("operator:" + alertId, heldBack -> heldBack == 0 ? text : text + heldBackNote(heldBack));
  }

  private Future<Void> alert(String alertId, java.util.function.LongFunction<String> text) {
    if (config.slackWebhookUrl().isEmpty()) {
      return Future.succeededFuture();
    }
    // The claim lives a day: far longer than any redelivery of the same event.
    String claim = "shpay:slack:alerted:" + alertId;
    return redis.set(List.of(claim, "1", "NX", "PX", "86400000")).compose(claimed -> {
      if (claimed == null) {
        return Future.succeededFuture();
      }
      return admit().compose(heldBack -> heldBack < 0 ? Future.succeededFuture() : post(text.apply(heldBack), heldBack))
          .recover(failure -> redis.del(List.of(claim)).transform(ignored -> Future.failedFuture(failure)));
    });
  }

  /**
   * Counts the alert against this minute's budget in one script, so concurrent alerts cannot race:
   * -1 when it is held back (and counted), else how many were held back before it (and resets that).
   */
  private Future<Long> admit() {
    // One counter per wall-clock minute, gone two minutes later.
    String minuteKey = "shpay:slack:minute:" + clock.millis() / 60_000;
    return redis.eval(List.of(ADMIT, "2", minuteKey, SUPPRESSED_KEY, Integer.toString(config.slackAlertsPerMinute())))
        .map(Response::toLong);
  }

  private Future<Void> post(String text, long heldBack) {
    JsonObject message = new JsonObject().put("text", text);
    return web.postAbs(config.slackWebhookUrl().orElseThrow().reveal())
        .timeout(config.webhookTimeout().toMillis())
        .sendJsonObject(message)
        .transform(sent -> {
          if (sent.succeeded() && sent.result().statusCode() / 100 == 2) {
            return Future.succeededFuture();
          }
          // Put the count back so it is reported with the next alert.
          Future<Void> restored = heldBack == 0 ? Future.succeededFuture()
              : redis.incrby(SUPPRESSED_KEY, Long.toString(heldBack)).mapEmpty();
          // Never the cause's message: Vert.x names the request in it (a timeout says "POST /services/T…/B…/…"),
          // and the path of an incoming-webhook URL is its secret.
          String why = sent.succeeded() ? "Slack answered " + sent.result().statusCode()
              : "Slack did not answer (" + sent.cause().getClass().getSimpleName() + ")";
          boolean retryable = sent.failed() || sent.result().statusCode() >= 500 || sent.result().statusCode() == 429;
          return restored.transform(ignored -> Future.failedFuture(
              retryable ? new DependencyUnavailable(why) : new IllegalStateException(why)));
        });
  }

  static String text(PaymentEvent event, long suppressed) {
    PaymentEvent.Payment payment = event.payment();
    String what = switch (event.type()) {
      case FAILED -> ":x: Payment FAILED";
      case UNKNOWN -> ":warning: Payment outcome UNKNOWN (reconciliation will ask the bank)";
      default -> ":x: Refund FAILED";
    };
    StringBuilder text = new StringBuilder(what)
        .append(": ").append(NumberFormat.getIntegerInstance(Locale.KOREA).format(event.amount())).append(" KRW")
        .append(" · order ").append(payment.orderId())
        .append(" · merchant ").append(event.merchantId())
        .append(" · rail ").append(payment.rail());
    String account = payment.accountMasked();
    if (account != null) {
      text.append(" · account ").append(AccountMasks.mask(account));
    }
    if (event.bankCode() != null || event.bankMessage() != null) {
      text.append(" · bank ").append(event.bankCode() == null ? "-" : event.bankCode())
          .append(' ').append(AccountMasks.maskWithin(event.bankMessage() == null ? "" : event.bankMessage()).trim());
    }
    text.append(" · payment ").append(event.paymentId());
    if (suppressed > 0) {
      text.append(heldBackNote(suppressed));
    }
    return text.toString();
  }

  private static String heldBackNote(long suppressed) {
    return "\n(" + suppressed + " more alert" + (suppressed == 1 ? "" : "s")
        + " held back by the rate limit since the last one)";
  }
}
