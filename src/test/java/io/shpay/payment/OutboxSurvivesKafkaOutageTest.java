package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.local.EmbeddedKafka;
import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTap;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The transactional outbox keeps every payment event while Kafka is down: payments and refunds succeed without it,
 * their events wait in MySQL, and once the broker is back every one of them reaches a downstream consumer, exactly
 * once per outbox row after the consumer's dedupe by {@code ce_id}.
 *
 * <p>The class runs SH Pay against a Kafka broker of its own, which it stops and restarts on the same port with the
 * same data ({@link EmbeddedKafka#stop()}, {@link EmbeddedKafka#restart()}), as a broker bounce in production would.
 *
 * <p>Repeats on the topic are expected and allowed: relay rounds that failed during the outage leave sends queued in
 * the producer, which go through once the broker is back, before the next round sends the same rows again (same
 * {@code ce_id}, new offsets). For the same reason a payment's events are not asserted to arrive in outbox order
 * after dedupe: a stale send can overtake the resend of an earlier row of the same payment. The test logs a warning
 * when that happens.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OutboxSurvivesKafkaOutageTest {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSurvivesKafkaOutageTest.class);
  private static final String TOPIC = "shpay.payment-events";
  private static final String APPROVED = "shpay.payment.approved";
  private static final String REFUNDED = "shpay.payment.refunded";
  /** Payments made while the broker is down (besides the one made before, which is refunded during the outage). */
  private static final int PAYMENTS_DURING_OUTAGE = 5;
  /** How long the relay may take to drain the outbox once Kafka is back, and the events to reach the tap. */
  private static final long RECOVERY_BOUND_MS = 60_000;
  private static final long POLL_EVERY_MS = 250;
  /** The await bound for those polls: longer than the polls' own bound, so their message is the one shown. */
  private static final Duration RECOVERY = Duration.ofMillis(RECOVERY_BOUND_MS + 30_000);

  /** This class's own broker: stopping it must not disturb the broker the other test classes share. */
  private static final EmbeddedKafka KAFKA = EmbeddedKafka.start(0);

  /** Closes the broker after the stack (after-all callbacks run in reverse order of registration). */
  @RegisterExtension
  @Order(1)
  static final AfterAllCallback CLOSE_KAFKA = context -> KAFKA.close();

  @RegisterExtension
  @Order(2)
  static final BankingStack STACK = new BankingStack(
      new JsonObject().put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers()), UnaryOperator.identity());

  private static Pool db;

  @BeforeAll
  static void database() {
    db = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(STACK.vertx()).build();
  }

  @AfterAll
  static void closeDatabase() {
    await(db.close());
  }

  /** One payment made through HTTP, with what the test expects to be published for it. */
  private record Paid(String id, Set<String> expectedTypes) {
  }

  @Test
  void paymentsSucceedWhileKafkaIsDownAndEveryEventArrivesOnceWhenItReturns() {
    Account account = richAccount();
    Map<String, Paid> paid = new LinkedHashMap<>();
    Map<String, Long> timings = new LinkedHashMap<>();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));

    // 1. Before the outage: one payment whose event is published, so the topic exists and the relay's idempotent
    //    producer has a producer id and sequence numbers the broker must remember across its restart.
    String before = await(payApproved(merchant, user, 10_000));
    paid.put(before, new Paid(before, Set.of(APPROVED, REFUNDED)));
    await(until("the pre-outage event is marked sent", () -> unsentOf(List.of(before)).map(n -> n == 0)), RECOVERY);

    // 2. Kafka goes away (a blocking call, fine on the test thread).
    long mark = System.nanoTime();
    KAFKA.stop();
    timings.put("stop", elapsedMs(mark));
    assertThat(KAFKA.isRunning()).isFalse();

    // 3. Payments and refunds go on without it. One at a time: each must succeed on its own.
    mark = System.nanoTime();
    for (int i = 0; i < PAYMENTS_DURING_OUTAGE; i++) {
      String id = await(payApproved(merchant, user, 1_000L * (i + 1)));
      paid.put(id, new Paid(id, Set.of(APPROVED)));
    }
    String first = paid.keySet().stream().skip(1).findFirst().orElseThrow();
    paid.put(first, new Paid(first, Set.of(APPROVED, REFUNDED)));
    // A partial refund of a payment made during the outage, a full one of the payment made before it.
    await(refundApproved(merchant, first, 500));
    await(refundApproved(merchant, before, 10_000));
    timings.put("payments and refunds during the outage", elapsedMs(mark));

    // 4. Their events are all still in the outbox, unsent: the relay cannot have sent anything.
    List<String> ids = List.copyOf(paid.keySet());
    List<String> during = ids.subList(1, ids.size());
    List<Row> unsentRows = await(outboxOf(ids));
    long total = await(totalUnsent());
    List<Row> duringRows = unsentRows.stream().filter(r -> during.contains(r.getString("aggregate_id"))).toList();
    assertThat(duringRows).as("outbox rows of the payments made during the outage")
        .hasSize(PAYMENTS_DURING_OUTAGE + 1);
    assertThat(duringRows).allSatisfy(r -> assertThat(r.getLocalDateTime("sent_at")).isNull());
    // The pre-outage payment's approval was sent before; its refund was not.
    assertThat(unsentRows.stream().filter(r -> r.getLocalDateTime("sent_at") == null)).hasSize(PAYMENTS_DURING_OUTAGE + 2);
    assertThat(total).as("SELECT COUNT(*) FROM outbox_events WHERE sent_at IS NULL")
        .isGreaterThanOrEqualTo(PAYMENTS_DURING_OUTAGE + 2);
    LOG.info("Kafka down: {} outbox rows unsent ({} of this test)", total, PAYMENTS_DURING_OUTAGE + 2);

    // 5. Kafka comes back on the same port with the same data.
    mark = System.nanoTime();
    KAFKA.restart();
    timings.put("restart", elapsedMs(mark));

    // 6. A downstream consumer reads the topic from the earliest offset; the relay drains the outbox on its own.
    mark = System.nanoTime();
    EventTap tap = await(EventTap.start(STACK.vertx(), KAFKA.bootstrapServers(), TOPIC));
    try {
      await(until("the outbox is drained and every expected event has arrived",
          () -> totalUnsent().map(unsent -> unsent == 0 && paid.values().stream().allMatch(p ->
              tap.of(p.id()).stream().map(EventTap.Event::type).collect(Collectors.toSet())
                  .containsAll(p.expectedTypes())))), RECOVERY);
      timings.put("recovery (drained and delivered)", elapsedMs(mark));
      List<Row> rows = await(outboxOf(List.copyOf(paid.keySet())));
      assertDeliveredOnce(rows, paid, tap);
      LOG.info("Outbox survived the Kafka outage: {} payments, {} events, {} records received ({} repeats); "
              + "timings {}", paid.size(), rows.size(), rawCount(paid, tap), rawCount(paid, tap) - rows.size(), timings);
      warnIfOutOfOrder(rows, paid, tap);
    } finally {
      await(tap.close());
    }
  }

  /** Every outbox row of these payments is sent and, after dedupe by ce_id, arrived exactly once. */
  private static void assertDeliveredOnce(List<Row> rows, Map<String, Paid> paid, EventTap tap) {
    assertThat(rows).allSatisfy(r -> assertThat(r.getLocalDateTime("sent_at")).as("sent_at of " +
        r.getString("event_id")).isNotNull());
    assertThat(rows).hasSize(PAYMENTS_DURING_OUTAGE + 1 + 2);
    // The distinct ce_ids are exactly the outbox rows.
    Map<String, String> typeByEventId = rows.stream()
        .collect(Collectors.toMap(r -> r.getString("event_id"), r -> r.getString("event_type")));
    List<EventTap.Event> distinct = paid.keySet().stream().flatMap(id -> tap.of(id).stream()).toList();
    assertThat(distinct).extracting(EventTap.Event::id)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(typeByEventId.keySet());
    assertThat(distinct).allSatisfy(e -> {
      assertThat(e.type()).isEqualTo(typeByEventId.get(e.id()));
      assertThat(e.headers()).containsEntry("ce_specversion", "1.0").containsEntry("ce_source", "/shpay/payments")
          .containsEntry("ce_subject", e.key());
    });
    for (Paid p : paid.values()) {
      assertThat(tap.of(p.id())).extracting(EventTap.Event::type).as("events of payment %s", p.id())
          .containsExactlyInAnyOrderElementsOf(p.expectedTypes());
    }
  }

  private static long rawCount(Map<String, Paid> paid, EventTap tap) {
    return paid.keySet().stream().mapToLong(tap::rawCount).sum();
  }

  /** Not asserted (see the class comment): whether each payment's events, deduped, arrived in outbox order. */
  private static void warnIfOutOfOrder(List<Row> rows, Map<String, Paid> paid, EventTap tap) {
    List<Long> outboxOrder = rows.stream().map(r -> r.getLong("id")).toList();
    Map<String, Long> rowIdByEventId = rows.stream()
        .collect(Collectors.toMap(r -> r.getString("event_id"), r -> r.getLong("id")));
    for (String paymentId : paid.keySet()) {
      List<Long> arrived = tap.of(paymentId).stream().map(e -> rowIdByEventId.get(e.id())).toList();
      if (!arrived.equals(arrived.stream().sorted().toList())) {
        LOG.warn("Payment {}: events arrived out of outbox order after dedupe: rows {} (outbox ids {})", paymentId,
            arrived, outboxOrder);
      }
    }
  }

  /**
   * The seeded customer NH account with the most money. A person's account: its birth date is {@code yyyyMMdd}
   * (SH Pay's settlement account, which payments pay into, carries a 10-digit business number instead).
   */
  private static Account richAccount() {
    return STACK.nh().bank().accounts().stream()
        .filter(a -> a.birthDate().length() == 8)
        .max(Comparator.comparingLong(a -> STACK.nh().bank().balance(a.bankCode(), a.accountNumber())))
        .orElseThrow();
  }

  /** Checkout and pay through HTTP; fails unless the answer is 200 APPROVED. The payment's id. */
  private static Future<String> payApproved(JsonObject merchant, JsonObject user, long amount) {
    long started = System.nanoTime();
    return STACK.checkout(merchant, amount)
        .compose(checkoutId -> STACK.api().request(HttpMethod.POST, "/api/v1/checkouts/" + checkoutId + "/pay")
            .bearerTokenAuthentication(user.getString("accessToken"))
            .putHeader("Idempotency-Key", UUID.randomUUID().toString())
            .sendJsonObject(new JsonObject().put("accountId", user.getString("finAccountId"))))
        .map(response -> {
          JsonObject body = expect(response, 200);
          assertThat(body.getString("status")).as("payment status: %s", body).isEqualTo("APPROVED");
          LOG.info("Payment {} of {} won approved in {} ms (Kafka {})", body.getString("id"), amount,
              elapsedMs(started), KAFKA.isRunning() ? "up" : "down");
          return body.getString("id");
        });
  }

  /** Refund through HTTP; fails unless the answer is 201 APPROVED. */
  private static Future<Void> refundApproved(JsonObject merchant, String paymentId, long amount) {
    long started = System.nanoTime();
    return STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey"))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("amount", amount).put("reason", "refunded while Kafka was down"))
        .map(response -> {
          JsonObject body = expect(response, 201);
          assertThat(body.getString("status")).as("refund status: %s", body).isEqualTo("APPROVED");
          LOG.info("Refund of {} won on payment {} approved in {} ms (Kafka {})", amount, paymentId, elapsedMs(started),
              KAFKA.isRunning() ? "up" : "down");
          return null;
        });
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as("HTTP status, body %s", response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  /** {@code SELECT COUNT(*) FROM outbox_events WHERE sent_at IS NULL}, over the whole test database. */
  private static Future<Long> totalUnsent() {
    return db.query("SELECT COUNT(*) AS n FROM outbox_events WHERE sent_at IS NULL").execute()
        .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** How many outbox rows of these payments are unsent. */
  private static Future<Long> unsentOf(List<String> paymentIds) {
    return outboxOf(paymentIds).map(rows -> rows.stream().filter(r -> r.getLocalDateTime("sent_at") == null).count());
  }

  /** The outbox rows of these payments, in id order. */
  private static Future<List<Row>> outboxOf(List<String> paymentIds) {
    String in = paymentIds.stream().map(id -> "?").collect(Collectors.joining(","));
    return db.preparedQuery("SELECT id, event_id, event_type, aggregate_id, sent_at FROM outbox_events"
            + " WHERE aggregate_id IN (" + in + ") ORDER BY id")
        .execute(Tuple.wrap(new ArrayList<Object>(paymentIds)))
        .map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }

  /** Polls {@code condition} every {@link #POLL_EVERY_MS} until it holds, for at most {@link #RECOVERY_BOUND_MS}. */
  private static Future<Void> until(String what, Supplier<Future<Boolean>> condition) {
    return until(what, condition, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECOVERY_BOUND_MS));
  }

  private static Future<Void> until(String what, Supplier<Future<Boolean>> condition, long deadline) {
    return condition.get().compose(holds -> {
      if (holds) {
        return Future.succeededFuture();
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture(new AssertionError("Not within " + RECOVERY_BOUND_MS + " ms: " + what));
      }
      return STACK.vertx().timer(POLL_EVERY_MS).compose(tick -> until(what, condition, deadline));
    });
  }

  private static long elapsedMs(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}
