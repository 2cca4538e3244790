package io.shpay.payment;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.shpay.common.db.ImplicitTransactions;
import io.shpay.common.db.PaddedInList;
import io.shpay.common.db.SqlTime;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the outbox to Kafka: unsent events in id order, each as a CloudEvent in binary mode
 * ({@code ce_*} headers, JSON data) keyed by payment id, then marks them sent in the same
 * transaction that locked them. If Kafka is down the transaction rolls back and the rows wait for
 * the next round, so an event is never lost. A crash between Kafka's ack and the commit sends a
 * row again with the same {@code ce_id}: consumers dedupe by it.
 *
 * <p>Order per payment holds with any number of relays (one per payment replica): a round first
 * takes the relay's turn, the lock on the single {@code outbox_relay_turn} row, held until the round
 * commits or rolls back, and a relay that finds it taken skips the round. So one relay publishes at
 * a time, in outbox id order, and a payment's events, written in order under its row lock, reach
 * Kafka in that order. Without the turn, two relays would lock disjoint batches and publish them
 * concurrently, letting a payment's later event overtake its earlier one. Each event also carries its
 * payment's {@code sequence} number, so a consumer can tell a repeat or a stale event from a new one.
 *
 * <p>Two details keep a Kafka outage from hurting payments or order: the round's transaction is
 * READ COMMITTED (the relay's connection's session is), so its row locks take no gap locks and new outbox inserts
 * (payments committing) never wait behind a relay stuck on Kafka; and a round ends only when every send it queued has
 * settled, so a failed round's stale sends cannot overtake the next round's and reorder a payment's events.
 *
 * <p>Latency and cost: a commit that wrote an event {@linkplain #wake() wakes} the relay, so an event waits for the
 * round under way at most, not for the next poll; wake-ups during a round coalesce into one more round, which is what
 * batches the outbox under load (one round carries every event committed meanwhile, up to {@value #BATCH}). One
 * statement marks a whole batch sent. The poll ({@code payments.outboxPollInterval}) stays as the backstop for
 * events this process did not write (another replica's, or a crash's leftovers).
 */
final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  static final URI SOURCE = URI.create("/shpay/payments");
  static final int BATCH = 256;
  private static final String UNSENT = """
      SELECT id, event_id, event_type, aggregate_id, payload, occurred_at FROM outbox_events
      WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""";
  /**
   * Marks a batch sent in one statement. Its id list is a {@link PaddedInList}, so at most nine statement shapes
   * exist (batches of up to {@link #BATCH}) and each stays prepared.
   */
  private static final String MARK_SENT = "UPDATE outbox_events SET sent_at = ? WHERE id IN (%s)";
  /** The relay's turn (see the class comment): no row means another relay is publishing right now. */
  private static final String TAKE_TURN = "SELECT id FROM outbox_relay_turn WHERE id = 1 FOR UPDATE SKIP LOCKED";

  private final ImplicitTransactions transactions;
  private final KafkaProducer<String, CloudEvent> producer;
  private final String topic;
  private final Clock clock;
  /** Where the relay's rounds run: the verticle that made it (null outside one, as in tests). */
  private final Context home = Vertx.currentContext();
  private boolean running;
  private boolean wokenMeanwhile;

  /** {@code transactions}: the relay's own, READ COMMITTED ({@code Database.relayTransactions}). */
  OutboxRelay(ImplicitTransactions transactions, KafkaProducer<String, CloudEvent> producer, String topic,
      Clock clock) {
    this.transactions = transactions;
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  /**
   * An event was just committed: relay now, or, if a round is under way, once more right after it. Call it on the
   * relay's own context (the payment verticle's), as the pool's completions are.
   */
  void wake() {
    if (home != null && Vertx.currentContext() != home) {
      home.runOnContext(ignored -> wake());
      return;
    }
    if (running) {
      wokenMeanwhile = true;
    } else {
      relay();
    }
  }

  /** One round; overlapping calls on this relay are skipped. Returns how many events were sent. */
  Future<Integer> relay() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    wokenMeanwhile = false;
    // Committed when the batch is sent and marked, rolled back (the rows wait for the next round) when a send failed.
    return transactions.run(connection -> takeTurn(connection)
            .compose(ourTurn -> ourTurn ? sendBatch(connection) : Future.succeededFuture(0)))
        .onFailure(failure -> LOG.warn("Outbox relay round failed, will retry: {}", failure.getMessage()))
        .eventually(() -> {
          running = false;
          return Future.succeededFuture();
        })
        .onComplete(round -> {
          // A full batch leaves more behind; a wake-up during the round means a commit it may not have seen. A failed
          // round waits for the poll, so a Kafka outage does not turn into a busy loop.
          boolean more = round.succeeded() && round.result() == BATCH;
          if (round.succeeded() && (more || wokenMeanwhile)) {
            relay();
          }
        });
  }

  private Future<Boolean> takeTurn(SqlConnection connection) {
    return connection.query(TAKE_TURN).execute().map(rows -> rows.size() == 1);
  }

  private Future<Integer> sendBatch(SqlConnection connection) {
    return connection.preparedQuery(UNSENT).execute(Tuple.of(BATCH)).compose(rows -> {
      List<Row> events = new ArrayList<>();
      rows.forEach(events::add);
      if (events.isEmpty()) {
        return Future.succeededFuture(0);
      }
      // Sent in order on one producer: Kafka keeps that order per partition, hence per payment.
      List<Future<?>> acks = new ArrayList<>();
      for (Row event : events) {
        acks.add(producer.send(KafkaProducerRecord.create(topic, event.getString("aggregate_id"), cloudEvent(event))));
      }
      // join, not all: wait for every send to settle before the round (and its locks) ends.
      return Future.join(acks)
          .compose(acked -> markSent(connection, events))
          .map(marked -> events.size());
    });
  }

  private Future<?> markSent(SqlConnection connection, List<Row> events) {
    List<Long> ids = events.stream().map(event -> event.getLong("id")).toList();
    return connection.preparedQuery(MARK_SENT.formatted(PaddedInList.placeholders(ids.size())))
        .execute(PaddedInList.addTo(Tuple.tuple().addValue(SqlTime.utc(clock.instant())), ids));
  }

  private static CloudEvent cloudEvent(Row event) {
    return CloudEventBuilder.v1()
        .withId(event.getString("event_id"))
        .withType(event.getString("event_type"))
        .withSource(SOURCE)
        .withSubject(event.getString("aggregate_id"))
        .withTime(event.getLocalDateTime("occurred_at").atOffset(ZoneOffset.UTC))
        .withDataContentType("application/json")
        .withDataSchema(URI.create("urn:shpay:schema:payment-event:v1"))
        .withData(event.getString("payload").getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
