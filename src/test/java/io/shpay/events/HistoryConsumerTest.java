package io.shpay.events;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.local.FreePorts;
import io.shpay.testing.EventTap;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.SyntheticPaymentEvents;
import io.shpay.testing.TestApp;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The history consumer as operators run it: processes with only the {@code history} role, stopped
 * and started mid-stream, scaled out, and fed events it cannot take.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryConsumerTest {

  private static final JsonObject TOPICS = EventTopics.isolated()
      .put("SHPAY_ROLES", "history")
      .put("SHPAY_HISTORY_MAX_ATTEMPTS", 3)
      .put("SHPAY_HISTORY_RETRY_BACKOFF", "PT0.01S");
  private static final String GROUP = TOPICS.getString("SHPAY_HISTORY_GROUP_PREFIX") + "history";

  private static Vertx vertx;
  private static SyntheticPaymentEvents events;
  private static Pool mysql;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    events = SyntheticPaymentEvents.create(vertx, EventTopics.topic(TOPICS));
    mysql = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(vertx).build();
  }

  @AfterAll
  static void stop() {
    await(Future.join(events.close(), mysql.close()));
    await(vertx.close());
  }

  @Test
  void aConsumerStoppedMidStreamAndStartedAgainLosesNothingAndRecordsRedeliveriesOnce() {
    String userId = UUID.randomUUID().toString();
    // One payment id keys every event onto one partition, where the consumer keeps their order.
    String paymentId = UUID.randomUUID().toString();
    List<String> eventIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      eventIds.add(UUID.randomUUID().toString());
    }
    JsonObject data = SyntheticPaymentEvents.approvedPayment(paymentId, userId, 1_000);
    TestApp first = await(TestApp.start(TOPICS));
    Future<Void> produced = sendAll(eventIds, data);
    await(Eventually.until(vertx, () -> rowCount(userId), count -> count >= 20, "recorded the first events"));
    await(first.close());

    TestApp second = await(TestApp.start(TOPICS));
    List<Row> rows;
    try {
      await(produced);
      // Kafka may deliver again what a consumer handled but had not committed; pretend it did, 20 times.
      await(sendAll(eventIds.subList(0, 20), data));
      await(events.send("sentinel-" + userId, PaymentEventType.APPROVED.wire(), data));
      await(Eventually.until(vertx, () -> sentinelRecorded(userId), found -> found,
          "recorded the sentinel after everything else"));
      rows = await(rows(userId));
    } finally {
      await(second.close());
    }
    List<String> recorded = rows.stream().map(row -> row.getString("event_id")).toList();
    assertThat(recorded).doesNotHaveDuplicates();
    assertThat(recorded).hasSize(201).containsAll(eventIds);
  }

  @Test
  void aBacklogIsWrittenAStatementPerPolledBatchInOrderNotARowAtATime() {
    String userId = UUID.randomUUID().toString();
    String paymentId = UUID.randomUUID().toString();
    List<String> eventIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      eventIds.add(UUID.randomUUID().toString());
    }
    await(sendAll(eventIds, SyntheticPaymentEvents.approvedPayment(paymentId, userId, 700)));
    // Every reading of this clock is a millisecond later, so rows written by one statement share their recorded_at
    // and rows written one at a time each have their own.
    TestApp app = await(TestApp.start(TOPICS, new TickingClock()));
    List<Row> rows;
    try {
      rows = await(Eventually.until(vertx, () -> rows(userId), found -> found.size() == 200, "recorded the backlog"));
    } finally {
      await(app.close());
    }
    assertThat(rows.stream().map(row -> row.getString("event_id")).toList()).containsExactlyElementsOf(eventIds);
    long statements = rows.stream().map(row -> row.getLocalDateTime("recorded_at")).distinct().count();
    assertThat(statements).as("statements for 200 events polled 100 at a time").isLessThanOrEqualTo(20);
  }

  /** A clock a millisecond further on at every reading. */
  private static final class TickingClock extends java.time.Clock {
    private final java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();
    private final java.time.Instant start = java.time.Instant.now();

    @Override
    public java.time.Instant instant() {
      return start.plusMillis(readings.incrementAndGet());
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void eventsTheConsumerCannotTakeGoToTheDeadLetterTopicWithTheErrorAndTheRestFlowOn() {
    String userId = UUID.randomUUID().toString();
    String paymentId = UUID.randomUUID().toString();
    JsonObject good = SyntheticPaymentEvents.approvedPayment(paymentId, userId, 5_000);
    JsonObject tooLongOrder = good.copy();
    tooLongOrder.getJsonObject("payment").put("orderId", "x".repeat(300));
    String unstorable = UUID.randomUUID().toString();
    String after = UUID.randomUUID().toString();
    EventTap deadLetters = await(EventTap.start(vertx, EventTopics.deadLetterTopic(TOPICS)));
    try {
      TestApp app = await(TestApp.start(TOPICS));
      try {
        await(events.sendRaw(paymentId, "{\"not\":\"a cloud event\"}"));
        await(events.send(unstorable, PaymentEventType.APPROVED.wire(), tooLongOrder));
        await(events.send(after, PaymentEventType.APPROVED.wire(), good));
        List<EventTap.Event> letters = await(Eventually.until(vertx,
            () -> Future.succeededFuture(historyLetters(deadLetters, paymentId)),
            found -> found.size() == 2, "parked both bad events"));
        List<Row> rows = await(Eventually.until(vertx, () -> rows(userId), found -> found.size() == 1,
            "recorded the good event after them"));
        EventTap.Event notCloudEvent = letters.get(0);
        assertThat(notCloudEvent.headers().get("shpay-dlt-attempts")).as("malformed: not retried").isEqualTo("1");
        assertThat(notCloudEvent.headers().get("shpay-dlt-error")).contains("not a CloudEvent");
        EventTap.Event failing = letters.get(1);
        assertThat(failing.id()).isEqualTo(unstorable);
        assertThat(failing.headers().get("shpay-dlt-attempts")).as("retried, then parked").isEqualTo("3");
        assertThat(failing.headers().get("shpay-dlt-error")).containsIgnoringCase("order_id");
        assertThat(failing.headers().get("shpay-dlt-source")).startsWith(EventTopics.topic(TOPICS) + "/");
        assertThat(rows.get(0).getString("event_id")).isEqualTo(after);
      } finally {
        await(app.close());
      }
    } finally {
      await(deadLetters.close());
    }
  }

  @Test
  void aSecondProcessRunningOnlyHistorySharesThePartitionsAndAnswersProbes() {
    String userId = UUID.randomUUID().toString();
    int probePort = FreePorts.pick();
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", TestServers.get().kafkaBootstrap()));
    WebClient web = WebClient.create(vertx);
    Future<TestApp> starting = TestApp.start(TOPICS);
    Future<TestApp> startingSecond = TestApp.start(TOPICS.copy().put("SHPAY_HTTP_PORT", probePort));
    try {
      await(Future.all(starting, startingSecond));
      await(Eventually.until(vertx, () -> admin.describeConsumerGroups(List.of(GROUP)),
          groups -> groups.get(GROUP).getMembers().size() == 2 && groups.get(GROUP).getMembers().stream()
              .allMatch(member -> !member.getAssignment().getTopicPartitions().isEmpty()),
          "gave both processes partitions"));
      // Thirty payments keyed by thirty ids land on every partition.
      List<Future<Void>> sent = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        JsonObject data = SyntheticPaymentEvents.approvedPayment(UUID.randomUUID().toString(), userId, 100);
        sent.add(events.send(UUID.randomUUID().toString(), PaymentEventType.APPROVED.wire(), data));
      }
      await(Future.all(sent));
      List<Row> rows = await(Eventually.until(vertx, () -> rows(userId), found -> found.size() == 30, "recorded all thirty"));
      int probe = await(web.get(probePort, "127.0.0.1", "/health/ready").send()).statusCode();
      assertThat(rows.stream().map(row -> row.getString("recorded_by")).distinct()).hasSize(2);
      assertThat(probe).isEqualTo(200);
    } finally {
      await(Future.join(closeIfStarted(starting), closeIfStarted(startingSecond)));
      await(admin.close());
    }
  }

  private static Future<Void> closeIfStarted(Future<TestApp> app) {
    return app.transform(started -> started.succeeded() ? started.result().close() : Future.succeededFuture());
  }

  /** The dead letters the history group parked for this payment, in order. */
  private static List<EventTap.Event> historyLetters(EventTap deadLetters, String paymentId) {
    return deadLetters.all().stream()
        .filter(letter -> paymentId.equals(letter.key()))
        .filter(letter -> GROUP.equals(letter.headers().get("shpay-dlt-consumer-group")))
        .toList();
  }

  private static Future<Void> sendAll(List<String> eventIds, JsonObject data) {
    Future<Void> sent = Future.succeededFuture();
    for (String eventId : eventIds) {
      sent = sent.compose(previous -> events.send(eventId, PaymentEventType.APPROVED.wire(), data));
    }
    return sent;
  }

  private static Future<Long> rowCount(String userId) {
    return mysql.preparedQuery("SELECT COUNT(*) FROM payment_history WHERE user_id = ?").execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<Boolean> sentinelRecorded(String userId) {
    return mysql.preparedQuery("SELECT 1 FROM payment_history WHERE event_id = ?").execute(Tuple.of("sentinel-" + userId))
        .map(rows -> rows.size() == 1);
  }

  private static Future<List<Row>> rows(String userId) {
    return mysql.preparedQuery("SELECT event_id, recorded_by, recorded_at FROM payment_history WHERE user_id = ? ORDER BY seq")
        .execute(Tuple.of(userId))
        .map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }
}
