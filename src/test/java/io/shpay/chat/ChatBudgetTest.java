package io.shpay.chat;

import io.shpay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.ChatConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.ratelimit.RateLimiter;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A user's model tokens per day, counted in the real Redis: spent tokens refuse the next message until the day ends. */
class ChatBudgetTest {

  private static final int TOKENS_PER_DAY = 50;

  private static Vertx vertx;
  private static RedisAPI redis;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = RedisAPI.api(Redis.createClient(vertx, TestServers.get().redisUri()));
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aUserWhoSpentTheDaysTokensIsRefusedWithWhenTheBudgetComesBack() throws Exception {
    ChatConfig config = new ChatConfig(Optional.of("http://model.invalid/v1"), "model", Optional.empty(),
        Duration.ofSeconds(5), 4, Duration.ofHours(1), 20, 1000, 256, TOKENS_PER_DAY);
    ChatRateLimit limits = new ChatRateLimit(new RateLimiter(redis), config);
    String user = UUID.randomUUID().toString();

    await(limits.admit(user));
    await(limits.spend(user, TOKENS_PER_DAY + 10));

    ServiceException refused = refusal(limits.admit(user));
    assertThat(refused.failureCode()).isEqualTo(ErrorCode.RATE_LIMITED.busCode());
    assertThat(Failures.retryAfterSeconds(refused)).isBetween(Duration.ofHours(23).toSeconds(), Duration.ofDays(1).toSeconds());
    assertThat(Failures.limit(refused)).isEqualTo((long) TOKENS_PER_DAY);
    await(limits.admit(UUID.randomUUID().toString()));
  }

  private static ServiceException refusal(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return (ServiceException) e.getCause();
    }
    throw new AssertionError("was not refused");
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(10));
  }
}
