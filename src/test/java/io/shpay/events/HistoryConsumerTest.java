package io.shpay.events;

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
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The history consumer as operators run it: processes with only the {@code history} role, stopped
 * and started mid-stream, scaled out, and fed events it cannot take.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
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
  static void stop(VertxTestContext ctx) {
    Future.join(events.close(), mysql.close()).compose(closed -> vertx.close()).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aConsumerStoppedMidStreamAndStartedAgainLosesNothingAndRecordsRedeliveriesOnce(VertxTestContext ctx) {
    String userId = UUID.randomUUID().toString();
    // One payment id keys every event onto one partition, where the consumer keeps their order.
    String paymentId = UUID.randomUUID().toString();
    List<String> eventIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      eventIds.add(UUID.randomUUID().toString());
    }
    JsonObject data = SyntheticPaymentEvents.approvedPayment(paymentId, userId, 1_000);
    TestApp.start(TOPICS).compose(first -> {
      Future<Void> produced = sendAll(eventIds, data);
      return Eventually.until(vertx, () -> rowCount(userId), count -> count >= 20, "recorded the first events")
          .compose(someDone -> first.close())
          .compose(stopped -> TestApp.start(TOPICS))
          .compose(second -> produced
              // Kafka may deliver again what a consumer handled but had not committed; pretend it did, 20 times.
              .compose(all -> sendAll(eventIds.subList(0, 20), data))
              .compose(again -> events.send("sentinel-" + userId, PaymentEvent.APPROVED, data))
              .compose(sentinel -> Eventually.until(vertx, () -> sentinelRecorded(userId), found -> found,
                  "recorded the sentinel after everything else"))
              .compose(done -> rows(userId))
              .eventually(second::close));
    }).onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
      List<String> recorded = rows.stream().map(row -> row.getString("event_id")).toList();
      assertThat(recorded).doesNotHaveDuplicates();
      assertThat(recorded).hasSize(201).containsAll(eventIds);
      ctx.completeNow();
    })));
  }

  @Test
  void eventsTheConsumerCannotTakeGoToTheDeadLetterTopicWithTheErrorAndTheRestFlowOn(VertxTestContext ctx) {
    String userId = UUID.randomUUID().toString();
    String paymentId = UUID.randomUUID().toString();
    JsonObject good = SyntheticPaymentEvents.approvedPayment(paymentId, userId, 5_000);
    JsonObject tooLongOrder = good.copy();
    tooLongOrder.getJsonObject("payment").put("orderId", "x".repeat(300));
    String unstorable = UUID.randomUUID().toString();
    String after = UUID.randomUUID().toString();
    EventTap.start(vertx, EventTopics.deadLetterTopic(TOPICS)).compose(deadLetters -> TestApp.start(TOPICS)
        .compose(app -> events.sendRaw(paymentId, "{\"not\":\"a cloud event\"}")
            .compose(sent -> events.send(unstorable, PaymentEvent.APPROVED, tooLongOrder))
            .compose(sent -> events.send(after, PaymentEvent.APPROVED, good))
            .compose(sent -> Eventually.until(vertx, () -> Future.succeededFuture(historyLetters(deadLetters, paymentId)),
                letters -> letters.size() == 2, "parked both bad events"))
            .compose(letters -> Eventually.until(vertx, () -> rows(userId), rows -> rows.size() == 1,
                    "recorded the good event after them")
                .map(rows -> {
                  ctx.verify(() -> {
                    EventTap.Event notCloudEvent = letters.get(0);
                    assertThat(notCloudEvent.headers().get("shpay-dlt-attempts")).as("malformed: not retried").isEqualTo("1");
                    assertThat(notCloudEvent.headers().get("shpay-dlt-error")).contains("not a CloudEvent");
                    EventTap.Event failing = letters.get(1);
                    assertThat(failing.id()).isEqualTo(unstorable);
                    assertThat(failing.headers().get("shpay-dlt-attempts")).as("retried, then parked").isEqualTo("3");
                    assertThat(failing.headers().get("shpay-dlt-error")).containsIgnoringCase("order_id");
                    assertThat(failing.headers().get("shpay-dlt-source")).startsWith(EventTopics.topic(TOPICS) + "/");
                    assertThat(rows.get(0).getString("event_id")).isEqualTo(after);
                  });
                  return null;
                }))
            .eventually(app::close))
        .eventually(deadLetters::close))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aSecondProcessRunningOnlyHistorySharesThePartitionsAndAnswersProbes(VertxTestContext ctx) {
    String userId = UUID.randomUUID().toString();
    int probePort = FreePorts.pick();
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", TestServers.get().kafkaBootstrap()));
    WebClient web = WebClient.create(vertx);
    Future.all(TestApp.start(TOPICS), TestApp.start(TOPICS.copy().put("SHPAY_HTTP_PORT", probePort))).compose(apps -> {
      TestApp first = apps.resultAt(0);
      TestApp second = apps.resultAt(1);
      return Eventually.until(vertx, () -> admin.describeConsumerGroups(List.of(GROUP)),
              groups -> groups.get(GROUP).getMembers().size() == 2 && groups.get(GROUP).getMembers().stream()
                  .allMatch(member -> !member.getAssignment().getTopicPartitions().isEmpty()),
              "gave both processes partitions")
          .compose(shared -> {
            // Thirty payments keyed by thirty ids land on every partition.
            List<Future<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
              JsonObject data = SyntheticPaymentEvents.approvedPayment(UUID.randomUUID().toString(), userId, 100);
              sent.add(events.send(UUID.randomUUID().toString(), PaymentEvent.APPROVED, data));
            }
            return Future.all(sent);
          })
          .compose(sent -> Eventually.until(vertx, () -> rows(userId), rows -> rows.size() == 30, "recorded all thirty"))
          .compose(rows -> web.get(probePort, "127.0.0.1", "/health/ready").send().map(probe -> {
            ctx.verify(() -> {
              assertThat(rows.stream().map(row -> row.getString("recorded_by")).distinct()).hasSize(2);
              assertThat(probe.statusCode()).isEqualTo(200);
            });
            return null;
          }))
          .eventually(() -> Future.join(first.close(), second.close()));
    }).eventually(() -> admin.close()).onComplete(ctx.succeedingThenComplete());
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
      sent = sent.compose(previous -> events.send(eventId, PaymentEvent.APPROVED, data));
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
    return mysql.preparedQuery("SELECT event_id, recorded_by FROM payment_history WHERE user_id = ? ORDER BY seq")
        .execute(Tuple.of(userId))
        .map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }
}
