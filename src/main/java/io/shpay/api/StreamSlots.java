package io.shpay.api;

import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import io.vertx.redis.client.RedisAPI;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on open event streams: per user across every replica (a Redis sorted set of leases, each renewed while its
 * stream lives, so a replica that died frees its slots when their leases lapse) and per process (a counter shared by
 * this process' HTTP verticles: memory and sockets are a process' own). Over either cap a new stream is a 429 with
 * {@code Retry-After}.
 */
final class StreamSlots {

  /** Drops lapsed leases, then takes a slot if fewer than ARGV[3] remain: 1 taken, 0 full. */
  private static final String TAKE = """
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
      if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
      redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
      redis.call('PEXPIRE', KEYS[1], ARGV[5])
      return 1""";
  private static final String KEY = "shpay:streams:";

  /** One held slot; {@link #renew} it while the stream lives and {@link #release} it once. */
  record Slot(String userId, String id) {}

  private final RedisAPI redis;
  private final Clock clock;
  private final int perUser;
  private final int perProcess;
  private final Duration lease;
  private final OpenStreams open;

  StreamSlots(Vertx vertx, RedisAPI redis, Clock clock, int perUser, int perProcess, Duration lease) {
    this.redis = redis;
    this.clock = clock;
    this.perUser = perUser;
    this.perProcess = perProcess;
    this.lease = lease;
    this.open = (OpenStreams) vertx.sharedData().<String, Object>getLocalMap("shpay.api")
        .computeIfAbsent("openStreams", ignored -> new OpenStreams());
  }

  Duration lease() {
    return lease;
  }

  Future<Slot> take(String userId) {
    long retryAfter = Math.max(1, lease.toSeconds());
    if (open.count.incrementAndGet() > perProcess) {
      open.count.decrementAndGet();
      return Future.failedFuture(Failures.rateLimited(retryAfter, perProcess));
    }
    Slot slot = new Slot(userId, UUID.randomUUID().toString());
    long now = clock.millis();
    return redis.eval(List.of(TAKE, "1", KEY + userId, Long.toString(now), Long.toString(now + lease.toMillis()),
            Integer.toString(perUser), slot.id(), Long.toString(lease.toMillis() * 2)))
        .transform(taken -> {
          if (taken.succeeded() && taken.result().toInteger() == 1) {
            return Future.succeededFuture(slot);
          }
          open.count.decrementAndGet();
          return taken.failed() ? Future.failedFuture(taken.cause())
              : Future.failedFuture(Failures.rateLimited(retryAfter, perUser));
        });
  }

  Future<Void> renew(Slot slot) {
    long leaseUntil = clock.millis() + lease.toMillis();
    return redis.zadd(List.of(KEY + slot.userId(), "XX", Long.toString(leaseUntil), slot.id()))
        .compose(ignored -> redis.pexpire(List.of(KEY + slot.userId(), Long.toString(lease.toMillis() * 2))))
        .mapEmpty();
  }

  void release(Slot slot) {
    open.count.decrementAndGet();
    redis.zrem(List.of(KEY + slot.userId(), slot.id()));
  }

  /** The process-wide count, kept in local shared data so every HTTP verticle instance sees the same one. */
  private static final class OpenStreams implements Shareable {
    private final AtomicInteger count = new AtomicInteger();
  }
}
