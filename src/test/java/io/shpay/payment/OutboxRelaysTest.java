package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTap;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.TestApp;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Two SH Pay processes with the payment role relay one outbox at once, as two replicas do: every event
 * is published, and none twice ({@code FOR UPDATE SKIP LOCKED} hands each row to one relay only).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboxRelaysTest {

  /** More than two relay batches (200 each), committed at once, so both relays find work in the same round. */
  private static final int BACKLOG = 600;
  private static final JsonObject TOPICS = EventTopics.isolated().put("SHPAY_PAYMENTS_OUTBOX_POLL_INTERVAL", "PT0.01S");

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(TOPICS, java.util.function.UnaryOperator.identity());

  private static Pool db;
  private static EventTap tap;

  @BeforeAll
  static void start() {
    db = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(STACK.vertx()).build();
    tap = await(EventTap.start(STACK.vertx(), EventTopics.topic(TOPICS)));
  }

  @AfterAll
  static void stop() {
    await(tap.close());
    await(db.close());
  }

  @Test
  void twoRelaysRunningAtOncePublishEveryEventExactlyOnce() {
    TestApp second = await(TestApp.start(STACK.config().put("SHPAY_ROLES", "payment").put("SHPAY_HTTP_PORT", 0)));
    Set<String> eventIds = new HashSet<>();
    Set<String> aggregates = new HashSet<>();
    String paymentId;
    try {
      // A payment through the stack, so the relays also carry a real event among the backlog.
      JsonObject merchant = await(STACK.merchant());
      JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
      paymentId = await(STACK.paidCheckout(merchant, user, 1_200));
      aggregates.add(paymentId);

      // A backlog committed in one transaction: both relays see it in their next rounds.
      List<Tuple> rows = new ArrayList<>();
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      for (int i = 0; i < BACKLOG; i++) {
        String eventId = UUID.randomUUID().toString();
        String aggregate = UUID.randomUUID().toString();
        eventIds.add(eventId);
        aggregates.add(aggregate);
        rows.add(Tuple.of(eventId, "shpay.payment.approved", aggregate,
            new JsonObject().put("schemaVersion", 1).put("payment", new JsonObject().put("id", aggregate)).encode(), now));
      }
      await(db.withTransaction(connection -> connection.preparedQuery(
              "INSERT INTO outbox_events (event_id, event_type, aggregate_id, payload, occurred_at) VALUES (?, ?, ?, ?, ?)")
          .executeBatch(rows)));

      await(Eventually.until(STACK.vertx(), () -> unsent(aggregates), unsent -> unsent == 0,
          "both relays marked the whole outbox sent"));
    } finally {
      await(second.close());
    }
    List<String> expected = new ArrayList<>(eventIds);
    expected.addAll(await(outboxEventIds(List.of(paymentId))));
    await(Eventually.until(STACK.vertx(), () -> Future.succeededFuture(received(aggregates)),
        seen -> seen.containsAll(expected), "received every outbox event"));

    List<String> raw = tap.all().stream().filter(event -> aggregates.contains(event.key())).map(EventTap.Event::id)
        .toList();
    assertThat(raw).as("each outbox row published once").doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static Set<String> received(Set<String> aggregates) {
    return tap.all().stream().filter(event -> aggregates.contains(event.key())).map(EventTap.Event::id)
        .collect(Collectors.toSet());
  }

  private static Future<Long> unsent(Set<String> aggregates) {
    return db.query("SELECT aggregate_id FROM outbox_events WHERE sent_at IS NULL").execute()
        .map(rows -> {
          long count = 0;
          for (var row : rows) {
            if (aggregates.contains(row.getString("aggregate_id"))) {
              count++;
            }
          }
          return count;
        });
  }

  /** The outbox event ids of these aggregates (the real payment's, which SH Pay wrote itself). */
  private static Future<List<String>> outboxEventIds(List<String> aggregates) {
    String in = aggregates.stream().map(id -> "?").collect(Collectors.joining(","));
    return db.preparedQuery("SELECT event_id FROM outbox_events WHERE aggregate_id IN (" + in + ")")
        .execute(Tuple.wrap(new ArrayList<Object>(aggregates)))
        .map(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString("event_id")));
          return ids;
        });
  }
}
