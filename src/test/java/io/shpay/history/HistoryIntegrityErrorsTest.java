package io.shpay.history;

import io.shpay.events.PaymentEventType;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.db.Migrations;
import io.shpay.common.db.SqlErrors;
import io.shpay.events.PaymentEvent;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Only a duplicate key (MySQL 1062) makes a history row "already stored". Any other integrity
 * error (a NOT NULL column, SQLState 23000 as well) is a failure the consumer must see, so the
 * event is retried or parked, never acknowledged without its row. Runs against the real MariaDB.
 */
class HistoryIntegrityErrorsTest {

  private static Vertx vertx;
  private static Pool pool;
  private static HistoryEntries entries;

  @BeforeAll
  static void database() throws Exception {
    vertx = Vertx.vertx();
    ShpayConfig.Mysql mysql = new ShpayConfig.Mysql(TestServers.get().mysqlUri(), Optional.empty(), 4, true);
    await(Migrations.apply(vertx, mysql));
    pool = Database.pool(vertx, mysql);
    entries = new HistoryEntries(pool, Clock.systemUTC(), "integrity-test");
  }

  @AfterAll
  static void close() throws Exception {
    await(pool.close());
    await(vertx.close());
  }

  @Test
  void aRedeliveredEventIsStoredOnce() throws Exception {
    PaymentEvent event = event(UUID.randomUUID().toString(), "order-" + UUID.randomUUID());

    await(entries.record(event));
    await(entries.record(event));

    assertThat(rowsOf(event)).isEqualTo(1);
  }

  @Test
  void aRowThatBreaksANotNullColumnFailsInsteadOfPassingForADuplicate() throws Exception {
    PaymentEvent withoutOrder = event(UUID.randomUUID().toString(), null);

    Throwable failure = awaitFailure(entries.record(withoutOrder));

    assertThat(failure).isInstanceOf(MySQLException.class);
    assertThat(((MySQLException) failure).getSqlState()).isEqualTo("23000");
    assertThat(((MySQLException) failure).getErrorCode()).as("column cannot be null").isEqualTo(1048);
    assertThat(SqlErrors.isDuplicateKey(failure)).isFalse();
    assertThat(rowsOf(withoutOrder)).isZero();
  }

  @Test
  void aBatchStoresEachEventOnceInListOrderRedeliveriesIncluded() throws Exception {
    List<PaymentEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(event(UUID.randomUUID().toString(), "order-" + UUID.randomUUID()));
    }
    await(entries.record(events.get(1)));
    List<PaymentEvent> batch = new ArrayList<>(events);
    batch.add(events.get(0));

    await(entries.recordAll(batch));

    assertThat(seqOrder(events)).containsExactly(events.get(1).id(), events.get(0).id(), events.get(2).id(),
        events.get(3).id(), events.get(4).id());
  }

  @Test
  void aBatchLongerThanOneStatementStoresEveryEvent() throws Exception {
    List<PaymentEvent> events = new ArrayList<>();
    for (int i = 0; i < HistoryEntries.MAX_ROWS + 3; i++) {
      events.add(event(UUID.randomUUID().toString(), "order-" + UUID.randomUUID()));
    }

    await(entries.recordAll(events));

    assertThat(seqOrder(events)).containsExactlyElementsOf(events.stream().map(PaymentEvent::id).toList());
  }

  @Test
  void aBatchWithARowThatBreaksANotNullColumnFailsWholeInsteadOfStoringADefault() throws Exception {
    PaymentEvent good = event(UUID.randomUUID().toString(), "order-" + UUID.randomUUID());
    PaymentEvent withoutOrder = event(UUID.randomUUID().toString(), null);

    Throwable failure = awaitFailure(entries.recordAll(List.of(good, withoutOrder)));

    assertThat(failure).isInstanceOf(MySQLException.class);
    assertThat(((MySQLException) failure).getErrorCode()).as("column cannot be null").isEqualTo(1048);
    assertThat(rowsOf(good)).as("all rows or none").isZero();
    assertThat(rowsOf(withoutOrder)).isZero();
  }

  /** The ids of these events as stored, in {@code seq} order. */
  private static List<String> seqOrder(List<PaymentEvent> events) throws Exception {
    List<String> ids = events.stream().map(PaymentEvent::id).toList();
    String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    List<String> stored = new ArrayList<>();
    await(pool.preparedQuery("SELECT event_id FROM payment_history WHERE event_id IN (" + marks + ") ORDER BY seq")
        .execute(Tuple.from(new ArrayList<Object>(ids)))).forEach(row -> stored.add(row.getString("event_id")));
    return stored;
  }

  private static PaymentEvent event(String eventId, String orderId) {
    String now = Instant.now().toString();
    PaymentEvent.Payment payment = new PaymentEvent.Payment(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
        UUID.randomUUID().toString(), orderId, UUID.randomUUID().toString(), 1_000L, 0L, PaymentStatus.APPROVED, Rail.NH,
        null, null, null, now, now);
    return new PaymentEvent(eventId, PaymentEventType.APPROVED, Instant.now(), now, 1L, payment, null);
  }

  private static long rowsOf(PaymentEvent event) throws Exception {
    return await(pool.preparedQuery("SELECT COUNT(*) AS n FROM payment_history WHERE event_id = ?")
        .execute(Tuple.of(event.id()))).iterator().next().getLong("n");
  }


  private static Throwable awaitFailure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
