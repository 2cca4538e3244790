package io.shpay.api;

import io.shpay.common.config.NotifyConfig;
import io.shpay.common.error.Failures;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;

import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/notifications}: the caller's payment, refund and transfer outcomes as
 * Server-Sent Events. A client that reconnects with {@code Last-Event-ID} first gets what it
 * missed within the replay window.
 */
final class NotificationEndpoints {

  /** Redis stream ids, {@code <milliseconds>-<sequence>}: the only ids this endpoint hands out. */
  private static final Pattern EVENT_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

  private final Vertx vertx;
  private final RedisAPI redis;
  private final Authentication authentication;
  private final NotifyConfig config;

  NotificationEndpoints(Vertx vertx, RedisAPI redis, Authentication authentication, NotifyConfig config) {
    this.vertx = vertx;
    this.redis = redis;
    this.authentication = authentication;
    this.config = config;
  }

  void mount(Router router) {
    authentication.requireUser(router.get("/api/v1/notifications")).handler(this::open);
  }

  private void open(RoutingContext ctx) {
    String lastEventId = ctx.request().getHeader("Last-Event-ID");
    if (lastEventId != null && !EVENT_ID.matcher(lastEventId).matches()) {
      ctx.fail(Failures.invalid("Last-Event-ID", "must be the id of an event this stream sent"));
      return;
    }
    new NotificationStream(vertx, redis, ctx.response(), Caller.of(ctx).userId(), config.heartbeat())
        .start(lastEventId);
  }
}
