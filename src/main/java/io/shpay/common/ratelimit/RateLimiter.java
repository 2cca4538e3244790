package io.shpay.common.ratelimit;

import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.List;

/**
 * The one limiter every costly route uses: fixed windows counted in Redis, shared by every replica. One Lua script
 * adds the cost and reads the window's remaining time atomically, so parallel requests can never all see "one left"
 * (counting first and deciding after is what makes a limit race-free). Each key expires with its window.
 *
 * <p>A refusal is a {@code rate_limited} failure carrying the limit and the seconds until the window resets; the HTTP
 * layer turns them into {@code Retry-After} and {@code RateLimit} headers.
 */
public final class RateLimiter {

  /** Adds ARGV[2] to KEYS[1] (starting a window of ARGV[1] ms if none runs) and answers {count, ms left}. */
  static final String SCRIPT = """
      local count = redis.call('INCRBY', KEYS[1], ARGV[2])
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        ttl = tonumber(ARGV[1])
      end
      return {count, ttl}""";

  private final RedisAPI redis;

  public RateLimiter(RedisAPI redis) {
    this.redis = redis;
  }

  /** A named budget: at most {@code limit} units per {@code window}. */
  public record Policy(String name, long limit, Duration window) {

    public Policy {
      if (limit < 1 || window.toMillis() < 1) {
        throw new IllegalArgumentException("limit and window must be positive");
      }
    }
  }

  /** How a window stands after a hit. */
  public record Decision(Policy policy, long used, long resetMillis) {

    public boolean allowed() {
      return used <= policy.limit();
    }

    public long remaining() {
      return Math.max(0, policy.limit() - used);
    }

    public long resetSeconds() {
      return Math.max(1, (resetMillis + 999) / 1000);
    }
  }

  /** Counts {@code cost} units (0 only reads) against {@code subject}'s window of {@code policy}. */
  public Future<Decision> hit(Policy policy, String subject, long cost) {
    String key = "shpay:rate:" + policy.name() + ":" + subject;
    return redis.eval(List.of(SCRIPT, "1", key, Long.toString(policy.window().toMillis()), Long.toString(cost)))
        .map(reply -> decision(policy, reply));
  }

  /** Counts one unit and fails with {@code rate_limited} once the window's budget is spent. */
  public Future<Decision> admit(Policy policy, String subject) {
    return admit(policy, subject, 1);
  }

  /** Counts {@code cost} units and fails with {@code rate_limited} when the window then holds more than its limit. */
  public Future<Decision> admit(Policy policy, String subject, long cost) {
    return hit(policy, subject, cost).compose(RateLimiter::refuseIfOver);
  }

  /** The decision, or a {@code rate_limited} failure when it is over its limit. */
  public static Future<Decision> refuseIfOver(Decision decision) {
    return decision.allowed() ? Future.succeededFuture(decision)
        : Future.failedFuture(Failures.rateLimited(decision.resetSeconds(), decision.policy().limit()));
  }

  /** Starts the subject's window afresh (a successful login clears its failures). */
  public Future<Void> reset(Policy policy, String subject) {
    return lift(policy, subject).mapEmpty();
  }

  /** As {@link #reset}, answering whether the subject had a window open (an ADMIN lifting a lockout is told). */
  public Future<Boolean> lift(Policy policy, String subject) {
    return redis.del(List.of("shpay:rate:" + policy.name() + ":" + subject)).map(deleted -> deleted.toLong() > 0);
  }

  private static Decision decision(Policy policy, Response reply) {
    return new Decision(policy, reply.get(0).toLong(), reply.get(1).toLong());
  }
}
