package io.shpay.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.time.Duration;
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
  private final Duration replayWindow;

  public UserNotifications(RedisAPI redis, Duration replayWindow) {
    this.redis = redis;
    this.replayWindow = replayWindow;
  }

  public static String streamKey(String userId) {
    // Expires with the replay window (PEXPIRE on every append).
    return "shpay:notifications:" + userId;
  }

  /**
   * Sends {@code event} (e.g. {@code payment.approved}) with {@code data} to the user, once per
   * {@code notificationId} within the replay window.
   */
  public Future<Void> publish(String userId, String notificationId, String event, JsonObject data) {
    // The claim expires with the replay window: a redelivery later than that is long past useful.
    String claimKey = "shpay:notified:" + notificationId;
    return redis.eval(List.of(PUBLISH, "2", claimKey, streamKey(userId),
            Long.toString(replayWindow.toMillis()), Integer.toString(KEEP_PER_USER), event, data.encode(), CHANNEL,
            userId))
        .mapEmpty();
  }
}
