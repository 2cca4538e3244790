package io.shpay.api;

import io.shpay.common.ratelimit.RateLimiter;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * The per-user budget of reads that go to a bank (a fresh balance, a page of transactions), KFTC and NH alike: one
 * budget, so a user cannot double their bank calls by spreading them over both rails. Over it, {@code admit} fails
 * with the limiter's 429.
 */
final class BankReads {

  private final RateLimiter limiter;
  private final RateLimiter.Policy policy;

  BankReads(RateLimiter limiter, int perMinute) {
    this.limiter = limiter;
    this.policy = new RateLimiter.Policy("bank-reads", perMinute, Duration.ofMinutes(1));
  }

  /** One bank read for this user, or a failed future once the minute's budget is spent. */
  Future<Void> admit(String userId) {
    return limiter.admit(policy, userId).mapEmpty();
  }

  /** As {@link #admit}, counted only when the read really goes to the bank. */
  Future<Void> admitIf(boolean toTheBank, String userId) {
    return toTheBank ? admit(userId) : Future.succeededFuture();
  }
}
