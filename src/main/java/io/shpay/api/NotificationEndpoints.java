package io.shpay.api;

import io.shpay.common.config.NotifyConfig;
import io.shpay.common.error.Failures;
import io.shpay.user.SessionService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;

import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/notifications}: the caller's payment, refund and transfer outcomes as Server-Sent Events. A
 * client that reconnects with {@code Last-Event-ID} first gets what it missed within the replay window. Apps send
 * their bearer token; browsers first {@code POST /api/v1/notifications/tickets} (with the token) and open
 * {@code ?ticket=…}, since {@code EventSource} cannot send headers. Streams are capped per user and per process and
 * end with their session or their token.
 */
final class NotificationEndpoints {

  static final String PATH = "/api/v1/notifications";
  /** Redis stream ids, {@code <milliseconds>-<sequence>}: the only ids this endpoint hands out. */
  private static final Pattern EVENT_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

  private final Vertx vertx;
  private final RedisAPI redis;
  private final Authentication authentication;
  private final SessionService sessions;
  private final NotifyConfig config;
  private final StreamTickets tickets;
  private final StreamSlots slots;

  NotificationEndpoints(Vertx vertx, RedisAPI redis, Authentication authentication, SessionService sessions,
      NotifyConfig config, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.authentication = authentication;
    this.sessions = sessions;
    this.config = config;
    this.tickets = new StreamTickets(redis, config.streamTicketTtl());
    Duration lease = config.streamSessionCheck().multipliedBy(3).compareTo(Duration.ofSeconds(5)) < 0
        ? Duration.ofSeconds(5) : config.streamSessionCheck().multipliedBy(3);
    this.slots = new StreamSlots(vertx, redis, clock, config.streamsPerUser(), config.maxStreams(), lease);
  }

  void mount(ApiOperations operations) {
    // The contract offers a bearer token or a ticket; the router leaves that choice to this handler (ApiContract).
    operations.on("streamNotifications").handler(authentication.userOrTicket(tickets))
        .handler(this::open);
    operations.on("issueStreamTicket").respond(ctx -> tickets.issue(Caller.of(ctx))
        .map(ticket -> {
          ctx.response().setStatusCode(201);
          return new JsonObject().put("ticket", ticket).put("expiresIn", tickets.ttl().toSeconds())
              .put("streamUrl", PATH + "?ticket=" + ticket);
        }));
  }

  /** The event stream's request, which the request timeout must leave alone. */
  static boolean isStream(io.vertx.ext.web.RoutingContext ctx) {
    return ctx.request().path().equals(PATH) && ctx.request().method() == io.vertx.core.http.HttpMethod.GET;
  }


  private void open(RoutingContext ctx) {
    String lastEventId = ctx.request().getHeader("Last-Event-ID");
    if (lastEventId != null && !EVENT_ID.matcher(lastEventId).matches()) {
      ctx.fail(Failures.invalid("Last-Event-ID", "must be the id of an event this stream sent"));
      return;
    }
    Caller caller = Caller.of(ctx);
    slots.take(caller.userId()).onComplete(taken -> {
      if (taken.failed()) {
        ctx.fail(taken.cause());
        return;
      }
      if (ctx.response().closed()) {
        slots.release(taken.result());
        return;
      }
      new NotificationStream(vertx, redis, ctx.response(), caller, config.heartbeat(), sessions, slots,
          taken.result(), config.streamSessionCheck()).start(lastEventId);
    });
  }
}
