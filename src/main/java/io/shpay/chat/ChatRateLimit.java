package io.shpay.chat;

import io.shpay.common.config.ChatConfig;
import io.shpay.common.error.Failures;
import io.shpay.common.ratelimit.RateLimiter;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * What one user may spend on the assistant, counted with the shared {@link RateLimiter} so every replica sees the
 * same numbers: messages per minute, and model tokens per day (as the model reports them; a model call costs money).
 * A message is refused up front once the day's tokens are spent; what an answer costs is counted when it arrives.
 */
final class ChatRateLimit {

  private final RateLimiter limiter;
  private final RateLimiter.Policy messages;
  private final RateLimiter.Policy tokens;

  ChatRateLimit(RateLimiter limiter, ChatConfig config) {
    this.limiter = limiter;
    this.messages = new RateLimiter.Policy("chat-messages", config.rateLimitPerMinute(), Duration.ofMinutes(1));
    this.tokens = new RateLimiter.Policy("chat-tokens", config.tokensPerUserPerDay(), Duration.ofDays(1));
  }

  /** Counts this message and fails with {@code rate_limited} (and when to retry) once a budget is spent. */
  Future<Void> admit(String userId) {
    return limiter.admit(messages, userId)
        .compose(ignored -> limiter.hit(tokens, userId, 0))
        .compose(spent -> spent.used() >= tokens.limit()
            ? Future.failedFuture(Failures.rateLimited(spent.resetSeconds(), tokens.limit()))
            : Future.succeededFuture());
  }

  /** Adds what one model call cost to the user's day. */
  Future<Void> spend(String userId, long modelTokens) {
    return modelTokens <= 0 ? Future.succeededFuture() : limiter.hit(tokens, userId, modelTokens).mapEmpty();
  }
}
