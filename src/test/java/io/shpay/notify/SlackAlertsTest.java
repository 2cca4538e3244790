package io.shpay.notify;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shpay.local.FreePorts;
import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTap;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.HookReceiver;
import io.shpay.testing.SyntheticPaymentEvents;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Failed payments reach the operators' Slack once each, masked, within the per-minute limit. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class SlackAlertsTest {

  private static final int SLACK_PORT = FreePorts.pick();
  private static final String SLACK_PATH = "/services/T000/B000/slack-test-secret-path";
  /** Above one, so a repeated alert would go out and be counted rather than hidden by the limit. */
  private static final int PER_MINUTE = 3;

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(EventTopics.isolated()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,history")
      .put("SHPAY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + SLACK_PORT + SLACK_PATH)
      .put("SHPAY_SLACK_ALERTS_PER_MINUTE", PER_MINUTE)
      .put("SHPAY_WEBHOOKS_TIMEOUT", "PT0.5S"), UnaryOperator.identity());

  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  private static HookReceiver slack;
  private static Redis redisClient;
  private static EventTap tap;
  private static SyntheticPaymentEvents events;

  @BeforeAll
  static void slack(VertxTestContext ctx) {
    redisClient = Redis.createClient(STACK.vertx(), TestServers.get().redisUri());
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGS.setContext(root.getLoggerContext());
    LOGS.start();
    root.addAppender(LOGS);
    events = SyntheticPaymentEvents.create(STACK.vertx(), EventTopics.topic(STACK.config()));
    Future.all(HookReceiver.start(STACK.vertx(), SLACK_PORT), EventTap.start(STACK.vertx(),
        EventTopics.topic(STACK.config()))).onComplete(ctx.succeeding(started -> {
      slack = started.resultAt(0);
      tap = started.resultAt(1);
      ctx.completeNow();
    }));
  }

  @AfterAll
  static void close(VertxTestContext ctx) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    redisClient.close();
    Future.join(slack.close(), tap.close(), events.close()).onComplete(ctx.succeedingThenComplete());
  }

  @BeforeEach
  void aFreshMinute(VertxTestContext ctx) {
    // The limit counts per minute of SH Pay's clock: each test starts with the minute's budget unused.
    STACK.clock().advance(Duration.ofMinutes(1));
    RedisAPI.api(redisClient).del(List.of("shpay:slack:suppressed")).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aFailedPaymentAlertsOnceWithTheAccountMaskedAndNothingSecret() {
    Account poor = STACK.poorestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject payer = await(STACK.userWithFinAccount(poor));
    JsonObject richPayer = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    int before = slack.received().size();
    String approved = await(STACK.paidCheckout(merchant, richPayer, 1_000));
    String failed = await(STACK.paidCheckout(merchant, payer, STACK.nhBalance(poor) + 1));
    await(slack.await(seen -> seen.size() > before, "an alert"));

    // Kafka delivers at least once: the same event again must not alert again. A second event of the same payment
    // (same key, so the same partition, after the repeat) is the fence: once its alert is in, a repeat's would be.
    EventTap.Event original = await(tap.await(failed, Set.of("shpay.payment.failed"))).stream()
        .filter(event -> event.type().equals("shpay.payment.failed")).findFirst().orElseThrow();
    await(events.send(original.id(), original.type(), original.data()));
    JsonObject fenceData = original.data().copy();
    String fenceOrder = "fence-" + UUID.randomUUID();
    fenceData.getJsonObject("payment").put("orderId", fenceOrder);
    await(events.send(UUID.randomUUID().toString(), original.type(), fenceData));
    List<HookReceiver.Received> seen = await(slack.await(all -> all.stream().skip(before)
        .anyMatch(alert -> alert.body().contains(fenceOrder)), "the fence's alert"));

    List<String> texts = seen.subList(before, seen.size()).stream()
        .map(alert -> new JsonObject(alert.body()).getString("text")).toList();
    assertThat(texts).as("the failure once, then the fence; the limit (%d a minute) held nothing back", PER_MINUTE)
        .hasSize(2);
    String text = texts.get(0);
    String number = poor.accountNumber();
    assertThat(text).contains("Payment FAILED", failed, "E0201", merchant.getString("id"),
        original.data().getJsonObject("payment").getString("orderId"));
    assertThat(text).contains("*".repeat(number.length() - 4) + number.substring(number.length() - 4));
    assertThat(text).doesNotContain(number).doesNotContain(merchant.getString("apiKey"));
    assertThat(texts).noneMatch(alert -> alert.contains(approved));
    assertThat(texts.get(1)).contains(fenceOrder).doesNotContain("held back");
    assertThat(await(RedisAPI.api(redisClient).get("shpay:slack:suppressed"))).as("nothing held back").isNull();
  }

  @Test
  void alertsOverTheLimitAreHeldBackAndCountedInTheNextOne() {
    Account poor = STACK.poorestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(poor));
    int before = slack.received().size();
    for (int i = 0; i < PER_MINUTE + 2; i++) {
      await(STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1));
    }
    RedisAPI redis = RedisAPI.api(redisClient);
    await(Eventually.until(STACK.vertx(), () -> redis.get("shpay:slack:suppressed"),
        count -> count != null && count.toInteger() == 2, "held back two alerts"));
    await(slack.await(seen -> seen.size() - before == PER_MINUTE, "this minute's alerts"));
    assertThat(slack.received().size() - before).as("the minute's budget, no more").isEqualTo(PER_MINUTE);

    STACK.clock().advance(Duration.ofMinutes(1));
    String next = await(STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1));
    List<HookReceiver.Received> seen = await(slack.await(all -> all.size() - before == PER_MINUTE + 1,
        "the next minute's alert"));
    assertThat(new JsonObject(seen.get(seen.size() - 1).body()).getString("text"))
        .contains(next).contains("2 more alerts held back");
  }

  @Test
  void aSlackThatTimesOutIsRetriedWithoutTheSecretWebhookUrlInAnyLogLine() throws Exception {
    Account poor = STACK.poorestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(poor));
    int before = slack.received().size();
    slack.answer(HookReceiver.NO_ANSWER);

    String failed = await(STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1));
    // The first post hangs until SH Pay's timeout; the retry is answered.
    List<HookReceiver.Received> seen = await(slack.await(all -> all.size() - before == 2, "the alert and its retry"));

    assertThat(seen.get(before + 1).body()).isEqualTo(seen.get(before).body());
    assertThat(seen.get(before).body()).contains(failed);
    List<String> lines = LOGS.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("Slack did not answer"));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains(SLACK_PATH));
  }

}
