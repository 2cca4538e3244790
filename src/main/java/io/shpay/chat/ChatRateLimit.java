package io.shpay.chat;

import io.shpay.common.config.ChatConfig;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.util.List;

/**
 * Messages per user per minute, counted in Redis so every replica shares the limit (a model call
 * costs money and time). Fixed one-minute windows; a key lives two minutes at most.
 */
final class ChatRateLimit {

  private static final String KEY = "shpay:chat:rate:";

  private final RedisAPI redis;
  private final ChatConfig config;
  private final Clock clock;

  ChatRateLimit(RedisAPI redis, ChatConfig config, Clock clock) {
    this.redis = redis;
    this.config = config;
    this.clock = clock;
  }

  /** Counts this message and fails with {@code rate_limited} (and when to retry) once the minute's budget is spent. */
  Future<Void> admit(String userId) {
    long nowMillis = clock.millis();
    long minute = nowMillis / 60_000;
    String key = KEY + userId + ":" + minute;
    return redis.incr(key)
        .compose(count -> redis.expire(List.of(key, "120")).map(count))
        .compose((Response count) -> {
          if (count.toLong() <= config.rateLimitPerMinute()) {
            return Future.succeededFuture();
          }
          long retryAfter = Math.max(1, ((minute + 1) * 60_000 - nowMillis + 999) / 1000);
          return Future.failedFuture(Failures.rateLimited(retryAfter));
        });
  }
}
