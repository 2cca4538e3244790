package io.shpay.notify;

import io.shpay.common.config.ShpayConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's one subscriber to {@link UserNotifications#CHANNEL}. A subscribed connection
 * cannot run other commands, so it is its own client, not the pool. Each message goes to the local
 * event bus at {@link #userAddress}, where the user's open event streams listen. When the
 * connection drops the hub reconnects with growing pauses, then announces {@link #RESYNC} so every
 * stream replays what it may have missed from the user's Redis stream.
 */
public final class NotificationHub extends VerticleBase {

  /** Published (locally) after a reconnect: streams should catch up from Redis. */
  public static final String RESYNC = "shpay.notifications.resync";
  private static final Logger LOG = LoggerFactory.getLogger(NotificationHub.class);
  private static final long MAX_RECONNECT_DELAY_MS = 5_000;

  private final ShpayConfig.Redis config;
  private Redis client;
  private RedisConnection connection;
  private long reconnectDelayMs = 100;
  private boolean stopping;
  private boolean everConnected;

  public NotificationHub(ShpayConfig.Redis config) {
    this.config = config;
  }

  public static String userAddress(String userId) {
    return "shpay.notifications.user." + userId;
  }

  @Override
  public Future<?> start() {
    RedisOptions options = new RedisOptions().setConnectionString(config.uri()).setMaxPoolSize(1);
    options.getNetClientOptions().setConnectTimeout(2000);
    client = Redis.createClient(vertx, options);
    // Start even when Redis is away (readiness reports it); the hub keeps trying in the background.
    connect();
    return Future.succeededFuture();
  }

  private void connect() {
    if (stopping) {
      return;
    }
    client.connect()
        .compose(opened -> {
          connection = opened;
          opened.handler(this::onMessage);
          opened.exceptionHandler(failure -> lost(opened, failure.toString()));
          opened.endHandler(ended -> lost(opened, "connection closed"));
          return opened.send(Request.cmd(Command.SUBSCRIBE).arg(UserNotifications.CHANNEL));
        })
        .onSuccess(subscribed -> {
          reconnectDelayMs = 100;
          if (everConnected) {
            LOG.info("Notification hub subscribed again to {}", UserNotifications.CHANNEL);
            vertx.eventBus().publish(RESYNC, null);
          }
          everConnected = true;
        })
        .onFailure(failure -> {
          LOG.warn("Notification hub cannot subscribe ({}); retrying in {} ms", failure.toString(), reconnectDelayMs);
          if (connection != null) {
            connection.close();
            connection = null;
          }
          retryLater();
        });
  }

  private void lost(RedisConnection which, String reason) {
    if (which != connection || stopping) {
      return;
    }
    connection = null;
    which.close();
    LOG.warn("Notification hub lost its Redis subscription ({}); reconnecting", reason);
    retryLater();
  }

  private void retryLater() {
    long delay = reconnectDelayMs;
    reconnectDelayMs = Math.min(reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
    vertx.setTimer(delay, id -> connect());
  }

  private void onMessage(Response message) {
    // Pushes are [message, channel, payload]; replies to SUBSCRIBE itself are [subscribe, channel, count].
    if (message.type() != ResponseType.PUSH && message.type() != ResponseType.MULTI || message.size() < 3
        || !"message".equals(message.get(0).toString())) {
      return;
    }
    try {
      JsonObject notification = new JsonObject(message.get(2).toString());
      String userId = notification.getString("userId");
      if (userId != null) {
        vertx.eventBus().publish(userAddress(userId), notification);
      }
    } catch (DecodeException e) {
      LOG.warn("Notification hub dropped a message that is not JSON");
    }
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return client.close();
  }
}
