package io.shpay.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shpay.local.FreePorts;
import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.HookReceiver;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Failed payments reach the operators' Slack once each, masked, within the per-minute limit. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class SlackAlertsTest {

  private static final int SLACK_PORT = FreePorts.pick();
  private static final String SLACK_PATH = "/services/T000/B000/slack-test-secret-path";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(EventTopics.isolated()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,history")
      .put("SHPAY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + SLACK_PORT + SLACK_PATH)
      .put("SHPAY_SLACK_ALERTS_PER_MINUTE", 1)
      .put("SHPAY_WEBHOOKS_TIMEOUT", "PT0.5S"), UnaryOperator.identity());

  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  private static HookReceiver slack;
  private static Redis redisClient;

  @BeforeAll
  static void slack(VertxTestContext ctx) {
    redisClient = Redis.createClient(STACK.vertx(), TestServers.get().redisUri());
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGS.setContext(root.getLoggerContext());
    LOGS.start();
    root.addAppender(LOGS);
    HookReceiver.start(STACK.vertx(), SLACK_PORT).onComplete(ctx.succeeding(started -> {
      slack = started;
      ctx.completeNow();
    }));
  }

  @AfterAll
  static void close(VertxTestContext ctx) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    redisClient.close();
    slack.close().onComplete(ctx.succeedingThenComplete());
  }

  @BeforeEach
  void aFreshMinute(VertxTestContext ctx) {
    // The limit counts per minute of SH Pay's clock: each test starts with the minute's budget unused.
    STACK.clock().advance(Duration.ofMinutes(1));
    RedisAPI.api(redisClient).del(List.of("shpay:slack:suppressed")).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aFailedPaymentAlertsOnceWithTheAccountMaskedAndNothingSecret(VertxTestContext ctx) {
    Account poor = STACK.poorestNhAccount();
    Future.all(STACK.merchant(), STACK.userWithFinAccount(poor), STACK.userWithFinAccount(STACK.richestNhAccount()))
        .compose(all -> {
          JsonObject merchant = all.resultAt(0);
          int before = slack.received().size();
          return STACK.paidCheckout(merchant, all.resultAt(2), 1_000)
              .compose(approved -> STACK.paidCheckout(merchant, all.resultAt(1), STACK.nhBalance(poor) + 1).compose(failed ->
                  slack.await(seen -> seen.size() > before, "an alert").map(seen -> {
                    ctx.verify(() -> {
                      List<HookReceiver.Received> alerts = seen.subList(before, seen.size());
                      assertThat(alerts).hasSize(1);
                      String text = new JsonObject(alerts.get(0).body()).getString("text");
                      String number = poor.accountNumber();
                      assertThat(text).contains("Payment FAILED", failed, "E0201", merchant.getString("id"));
                      assertThat(text).contains("*".repeat(number.length() - 4) + number.substring(number.length() - 4));
                      assertThat(text).doesNotContain(number).doesNotContain(merchant.getString("apiKey"));
                      assertThat(text).doesNotContain(approved);
                    });
                    return null;
                  })));
        }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void alertsOverTheLimitAreHeldBackAndCountedInTheNextOne(VertxTestContext ctx) {
    Account poor = STACK.poorestNhAccount();
    Future.all(STACK.merchant(), STACK.userWithFinAccount(poor)).compose(both -> {
      JsonObject merchant = both.resultAt(0);
      JsonObject user = both.resultAt(1);
      int before = slack.received().size();
      Future<String> failures = Future.succeededFuture();
      for (int i = 0; i < 3; i++) {
        failures = failures.compose(previous -> STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1));
      }
      RedisAPI redis = RedisAPI.api(redisClient);
      return failures
          .compose(paid -> Eventually.until(STACK.vertx(), () -> redis.get("shpay:slack:suppressed"),
              count -> count != null && count.toInteger() == 2, "held back two alerts"))
          .compose(held -> {
            ctx.verify(() -> assertThat(slack.received().size() - before).as("one alert this minute").isEqualTo(1));
            STACK.clock().advance(Duration.ofMinutes(1));
            return STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1);
          })
          .compose(fourth -> slack.await(seen -> seen.size() - before == 2, "the next minute's alert").map(seen -> {
            ctx.verify(() -> assertThat(new JsonObject(seen.get(seen.size() - 1).body()).getString("text"))
                .contains(fourth).contains("2 more alerts held back"));
            return null;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aSlackThatTimesOutIsRetriedWithoutTheSecretWebhookUrlInAnyLogLine() throws Exception {
    Account poor = STACK.poorestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(poor));
    int before = slack.received().size();
    slack.answer(HookReceiver.NO_ANSWER);

    String failed = await(STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1));
    List<HookReceiver.Received> seen = await(slack.await(all -> all.size() > before, "the alert that hangs"));
    // The retry comes after the timeout and finds this minute's one alert spent: it is held back and counted.
    RedisAPI redis = RedisAPI.api(redisClient);
    await(Eventually.until(STACK.vertx(), () -> redis.get("shpay:slack:suppressed"),
        count -> count != null && count.toInteger() == 1, "the retried alert held back"));

    assertThat(seen.get(before).body()).contains(failed);
    List<String> lines = LOGS.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("Slack did not answer"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains(SLACK_PATH));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
