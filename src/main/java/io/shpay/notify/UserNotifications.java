package io.shpay.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes an outcome to one user's screens. In one Redis script it claims the notification id (so
 * a redelivered event notifies once), appends to the user's stream (kept for the replay window, so a
 * reconnecting client can catch up with {@code Last-Event-ID}) and publishes on
 * {@link #CHANNEL}, which every API replica's {@link NotificationHub} listens to.
 */
public final class UserNotifications {

  /** The pub/sub channel all notifications travel on; each message names its user. */
  public static final String CHANNEL = "shpay:notifications";
  /** Per-user streams older entries are trimmed from; roughly this many are kept. */
  static final int KEEP_PER_USER = 200;

  private static final String PUBLISH = """
      if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return false end
      local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'event', ARGV[3], 'data', ARGV[4])
      redis.call('PEXPIRE', KEYS[2], ARGV[1])
      redis.call('PUBLISH', ARGV[5], cjson.encode({userId = ARGV[6], id = id, event = ARGV[3], data = ARGV[4]}))
      return id""";

  private final RedisAPI redis;
  /** For {@link #publishAll}: null when built on a {@link RedisAPI} alone. */
  private final Redis client;
  private final Duration replayWindow;

  public UserNotifications(RedisAPI redis, Duration replayWindow) {
    this.redis = redis;
    this.client = null;
    this.replayWindow = replayWindow;
  }

  /** On {@code client}, which also lets {@link #publishAll} send a batch in one write. */
  public UserNotifications(Redis client, Duration replayWindow) {
    this.redis = RedisAPI.api(client);
    this.client = client;
    this.replayWindow = replayWindow;
  }

  /** One outcome for one user's screens (see {@link #publish}). */
  public record Notification(String userId, String notificationId, String event, JsonObject data) {}

  public static String streamKey(String userId) {
    // Expires with the replay window (PEXPIRE on every append).
    return "shpay:notifications:" + userId;
  }

  /**
   * Sends {@code event} (e.g. {@code payment.approved}) with {@code data} to the user, once per
   * {@code notificationId} within the replay window.
   */
  public Future<Void> publish(String userId, String notificationId, String event, JsonObject data) {
    return redis.eval(arguments(new Notification(userId, notificationId, event, data))).mapEmpty();
  }

  /**
   * {@link #publish}es each, in list order, as one pipelined batch on one connection (Redis runs them in that
   * order). A failure may leave some sent: each is once per notification id, so sending them again is safe.
   */
  public Future<Void> publishAll(List<Notification> notifications) {
    if (client == null || notifications.size() == 1) {
      Future<Void> sent = Future.succeededFuture();
      for (Notification notification : notifications) {
        sent = sent.compose(previous -> redis.eval(arguments(notification)).mapEmpty());
      }
      return sent;
    }
    List<Request> batch = new ArrayList<>(notifications.size());
    for (Notification notification : notifications) {
      Request eval = Request.cmd(Command.EVAL);
      arguments(notification).forEach(eval::arg);
      batch.add(eval);
    }
    return client.batch(batch).mapEmpty();
  }

  private List<String> arguments(Notification n) {
    // The claim expires with the replay window: a redelivery later than that is long past useful.
    String claimKey = "shpay:notified:" + n.notificationId();
    return List.of(PUBLISH, "2", claimKey, streamKey(n.userId()), Long.toString(replayWindow.toMillis()),
        Integer.toString(KEEP_PER_USER), n.event(), n.data().encode(), CHANNEL, n.userId());
  }
}
