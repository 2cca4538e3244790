package io.shpay.events;

import io.shpay.common.config.HistoryConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How every SH Pay consumer reads the payment-events topic: poll a bounded batch
 * ({@code history.maxInFlight} records), handle each partition's records in order (partitions in
 * parallel), and commit a partition's offset only after its records are handled. Rebalances happen
 * only inside {@code poll}, when nothing is in flight, so a partition is never committed by an owner
 * that lost it. A crash replays at most the uncommitted batch, which is why handlers must be
 * idempotent by event id.
 *
 * <p>A consumer started {@link #startBatched batched} hands each partition's run of payment events in
 * a polled batch to its batch handler at once (one multi-row statement instead of one per event); a
 * record that is not a payment event splits the run, so order per partition holds. If the batch
 * fails, its events are handled one by one as below, so a failing event is retried and
 * dead-lettered alone and an outage is waited out event by event.
 *
 * <p>A handler failure is retried {@code history.maxAttempts} times with a doubling pause. If it
 * still fails because a dependency is down, the consumer keeps retrying (nothing is skipped during
 * an outage); any other failure, and any record that is not a payment event at all, goes to the
 * dead-letter topic with the error attached.
 */
public final class PaymentEventConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentEventConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  static final int FETCH_MIN_BYTES = 64 * 1024;
  static final Duration FETCH_MAX_WAIT = Duration.ofMillis(50);
  private static final long MAX_OUTAGE_BACKOFF_MS = 10_000;

  private final Vertx vertx;
  private final String groupId;
  private final HistoryConfig config;
  private final Function<PaymentEvent, Future<Void>> handler;
  /** Null when the consumer handles one event at a time. */
  private final Function<List<PaymentEvent>, Future<Void>> batchHandler;
  private final DeadLetters deadLetters;
  private final KafkaConsumer<String, byte[]> consumer;
  private volatile boolean stopping;
  private final Promise<Void> stopped = Promise.promise();

  private PaymentEventConsumer(Vertx vertx, String groupId, HistoryConfig config,
      Function<PaymentEvent, Future<Void>> handler, Function<List<PaymentEvent>, Future<Void>> batchHandler,
      DeadLetters deadLetters, KafkaConsumer<String, byte[]> consumer) {
    this.vertx = vertx;
    this.groupId = groupId;
    this.config = config;
    this.handler = handler;
    this.batchHandler = batchHandler;
    this.deadLetters = deadLetters;
    this.consumer = consumer;
  }

  /**
   * Starts consuming with group {@code groupId}; {@code handler} must be idempotent by
   * {@link PaymentEvent#id()} and may be called again for an event it already handled.
   */
  public static Future<PaymentEventConsumer> start(Vertx vertx, String bootstrapServers, String groupId,
      HistoryConfig config, Function<PaymentEvent, Future<Void>> handler, DeadLetters deadLetters) {
    return start(vertx, bootstrapServers, groupId, config, handler, null, deadLetters);
  }

  /**
   * Like {@link #start}, handing each partition's events of a polled batch to {@code batchHandler} in one call, in
   * partition order. {@code batchHandler} must be idempotent by event id like {@code handler}; when it fails (it may
   * have handled some of the events), each event is handled again by {@code handler}, one at a time.
   */
  public static Future<PaymentEventConsumer> startBatched(Vertx vertx, String bootstrapServers, String groupId,
      HistoryConfig config, Function<List<PaymentEvent>, Future<Void>> batchHandler,
      Function<PaymentEvent, Future<Void>> handler, DeadLetters deadLetters) {
    return start(vertx, bootstrapServers, groupId, config, handler, batchHandler, deadLetters);
  }

  private static Future<PaymentEventConsumer> start(Vertx vertx, String bootstrapServers, String groupId,
      HistoryConfig config, Function<PaymentEvent, Future<Void>> handler,
      Function<List<PaymentEvent>, Future<Void>> batchHandler, DeadLetters deadLetters) {
    Map<String, Object> properties = consumerProperties(bootstrapServers, groupId, config);
    // Building a Kafka consumer loads and configures a few hundred classes, seconds on a busy machine: on a worker,
    // never on the event loop. It is wrapped (and used) back on this verticle's context.
    return vertx.executeBlocking(() -> new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(properties))
        .compose(built -> {
          PaymentEventConsumer started = new PaymentEventConsumer(vertx, groupId, config, handler, batchHandler, deadLetters,
              KafkaConsumer.create(vertx, built));
          return started.consumer.subscribe(config.paymentEventsTopic()).map(subscribed -> {
            LOG.info("Consumer group {} reading {}", groupId, config.paymentEventsTopic());
            started.pollNext();
            return started;
          });
        });
  }

  /** The Kafka consumer's settings for one group. */
  static Map<String, Object> consumerProperties(String bootstrapServers, String groupId, HistoryConfig config) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("group.id", groupId);
    properties.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    properties.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    properties.put("enable.auto.commit", "false");
    properties.put("auto.offset.reset", "earliest");
    properties.put("max.poll.records", Integer.toString(config.maxInFlight()));
    // The broker answers a fetch once it holds FETCH_MIN_BYTES or FETCH_MAX_WAIT has passed, so under load each group
    // fetches (and commits) a batch every few tens of ms instead of a record or two at a time: the benchmark measured
    // the service's CPU per paid checkout 21 % lower and the broker's 28 % lower (BENCHMARKS.md). 64 KiB is some 70
    // events (uncompressed, about 900 bytes each): below some 1,300 events/s FETCH_MAX_WAIT decides, so each group
    // makes about 20 rounds a second, where 16 KiB made some 50 at 800 events/s (by arithmetic; the bench's broker
    // column shows the difference). The price: an event waits up to FETCH_MAX_WAIT
    // for its fetch (inside the 250 ms live-notification budget), and each idle group asks the broker FETCH_MAX_WAIT
    // apart instead of Kafka's default 500 ms.
    properties.put("fetch.min.bytes", Integer.toString(FETCH_MIN_BYTES));
    properties.put("fetch.max.wait.ms", Long.toString(FETCH_MAX_WAIT.toMillis()));
    // Redistributes partitions incrementally, so a replica joining or leaving does not stop the others.
    properties.put("partition.assignment.strategy",
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    return properties;
  }

  private void pollNext() {
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    consumer.poll(POLL_TIMEOUT)
        .compose(this::handleBatch)
        .compose(this::commit)
        .onComplete(done -> {
          if (done.failed() && !stopping) {
            LOG.warn("Consumer group {}: {}; polling again in 1 s", groupId, done.cause().toString());
            vertx.setTimer(1000, id -> pollNext());
          } else {
            pollNext();
          }
        });
  }

  private Future<Map<TopicPartition, OffsetAndMetadata>> handleBatch(KafkaConsumerRecords<String, byte[]> batch) {
    Map<TopicPartition, List<KafkaConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      KafkaConsumerRecord<String, byte[]> record = batch.recordAt(i);
      byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
          .add(record);
    }
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    List<Future<Void>> partitions = new ArrayList<>();
    byPartition.forEach((partition, records) -> {
      Future<Void> inOrder = batchHandler == null ? oneByOne(partition, records, done) : inRuns(partition, records, done);
      // The consumer's position is already past this batch: a partition that stopped early is
      // rewound to its first unhandled record, or that record would only come back after a rebalance.
      partitions.add(inOrder.recover(failure -> {
        long firstUnhandled = done.containsKey(partition) ? done.get(partition).getOffset() : records.get(0).offset();
        return stopping ? Future.failedFuture(failure)
            : consumer.seek(partition, firstUnhandled).transform(sought -> Future.failedFuture(failure));
      }));
    });
    // Commit whatever finished even when a partition stopped early (we are shutting down).
    return Future.join(partitions).transform(all -> Future.succeededFuture(done));
  }

  private Future<Void> oneByOne(TopicPartition partition, List<KafkaConsumerRecord<String, byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> done) {
    Future<Void> inOrder = Future.succeededFuture();
    for (KafkaConsumerRecord<String, byte[]> record : records) {
      inOrder = inOrder.compose(previous -> handle(record)).onSuccess(handled -> markDone(done, partition, record));
    }
    return inOrder;
  }

  /** The partition's payment events in runs, one batch call each; a record that is not an event ends a run. */
  private Future<Void> inRuns(TopicPartition partition, List<KafkaConsumerRecord<String, byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> done) {
    Future<Void> inOrder = Future.succeededFuture();
    List<KafkaConsumerRecord<String, byte[]>> run = new ArrayList<>();
    List<PaymentEvent> events = new ArrayList<>();
    for (KafkaConsumerRecord<String, byte[]> record : records) {
      PaymentEvent event;
      try {
        event = DecodedEvents.of(record.record());
      } catch (MalformedEvent malformed) {
        inOrder = runBatch(inOrder, partition, List.copyOf(run), List.copyOf(events), done);
        run.clear();
        events.clear();
        inOrder = inOrder.compose(previous -> parkMalformed(record, malformed))
            .onSuccess(handled -> markDone(done, partition, record));
        continue;
      }
      run.add(record);
      events.add(event);
    }
    return runBatch(inOrder, partition, run, events, done);
  }

  private Future<Void> runBatch(Future<Void> after, TopicPartition partition,
      List<KafkaConsumerRecord<String, byte[]>> run, List<PaymentEvent> events,
      Map<TopicPartition, OffsetAndMetadata> done) {
    if (run.isEmpty()) {
      return after;
    }
    return after.compose(previous -> batch(events))
        .onSuccess(handled -> markDone(done, partition, run.get(run.size() - 1)))
        .recover(failure -> {
          if (stopping) {
            return Future.failedFuture(failure);
          }
          LOG.warn("Consumer group {}: a batch of {} events failed ({}); handling them one by one", groupId,
              events.size(), failure.toString());
          Future<Void> inOrder = Future.succeededFuture();
          for (int i = 0; i < run.size(); i++) {
            KafkaConsumerRecord<String, byte[]> record = run.get(i);
            PaymentEvent event = events.get(i);
            inOrder = inOrder.compose(previous -> attempt(record, event, 1))
                .onSuccess(handled -> markDone(done, partition, record));
          }
          return inOrder;
        });
  }

  private Future<Void> batch(List<PaymentEvent> events) {
    if (stopping) {
      return Future.failedFuture("consumer stopping");
    }
    try {
      return batchHandler.apply(events);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static void markDone(Map<TopicPartition, OffsetAndMetadata> done, TopicPartition partition,
      KafkaConsumerRecord<String, byte[]> record) {
    done.put(partition, new OffsetAndMetadata(record.offset() + 1, ""));
  }

  private Future<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return offsets.isEmpty() ? Future.succeededFuture() : consumer.commit(offsets).mapEmpty();
  }

  private Future<Void> handle(KafkaConsumerRecord<String, byte[]> record) {
    PaymentEvent event;
    try {
      event = DecodedEvents.of(record.record());
    } catch (MalformedEvent malformed) {
      return parkMalformed(record, malformed);
    }
    return attempt(record, event, 1);
  }

  private Future<Void> parkMalformed(KafkaConsumerRecord<String, byte[]> record, MalformedEvent malformed) {
    LOG.warn("Consumer group {}: record {}/{}@{} is not a payment event ({}); dead-lettered", groupId,
        record.topic(), record.partition(), record.offset(), malformed.getMessage());
    return park(record, 1, malformed, 1);
  }

  private Future<Void> attempt(KafkaConsumerRecord<String, byte[]> record, PaymentEvent event, int attempt) {
    if (stopping) {
      return Future.failedFuture("consumer stopping");
    }
    Future<Void> handled;
    try {
      handled = handler.apply(event);
    } catch (RuntimeException e) {
      handled = Future.failedFuture(e);
    }
    return handled.recover(failure -> {
      boolean outage = Outages.isOutage(failure);
      if (attempt >= config.maxAttempts() && !outage) {
        LOG.error("Consumer group {}: event {} ({}) failed {} times; dead-lettered: {}", groupId, event.id(),
            event.type(), attempt, failure.toString());
        return park(record, attempt, failure, 1);
      }
      long backoff = Math.min(config.retryBackoff().toMillis() << Math.min(attempt - 1, 16), MAX_OUTAGE_BACKOFF_MS);
      LOG.warn("Consumer group {}: event {} attempt {} failed ({}); again in {} ms", groupId, event.id(), attempt,
          failure.toString(), backoff);
      return vertx.timer(Math.max(1, backoff)).compose(fired -> attempt(record, event, attempt + 1));
    });
  }

  /** A dead letter must reach Kafka before the record counts as handled; until then, try again. */
  private Future<Void> park(KafkaConsumerRecord<String, byte[]> record, int attempts, Throwable error, int tries) {
    if (stopping) {
      return Future.failedFuture("consumer stopping");
    }
    return deadLetters.park(record, groupId, attempts, error).recover(failure -> {
      long backoff = Math.min(config.retryBackoff().toMillis() << Math.min(tries - 1, 16), MAX_OUTAGE_BACKOFF_MS);
      LOG.warn("Consumer group {}: dead-lettering {}/{}@{} failed ({}); again in {} ms", groupId, record.topic(),
          record.partition(), record.offset(), failure.toString(), backoff);
      return vertx.timer(Math.max(1, backoff)).compose(fired -> park(record, attempts, error, tries + 1));
    });
  }

  /** Finishes the batch in hand, commits it, and leaves the group so its partitions move at once. */
  public Future<Void> stop() {
    stopping = true;
    return stopped.future()
        .timeout(30, java.util.concurrent.TimeUnit.SECONDS)
        .transform(finished -> consumer.close());
  }
}
