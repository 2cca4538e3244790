package io.shpay.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (a) A merchant opens a checkout and a user pays it, end to end through the real API: HTTP, the NH IsTuno issued
 * through Redis and MySQL, the payment recorded under a row lock, the NH sandbox charging the account, the outcome
 * and its outbox event committed, and the relay publishing it to Kafka. One operation is the two calls; it
 * succeeds when the pay call answers 200 APPROVED.
 *
 * <p>Phases: a fixed-rate open loop at {@code bench.payRate} (the target: 1,000/s, pay p99 under 100 ms, no
 * errors), then a closed loop at saturation (SH Pay's capacity, compared with the I/O floor of scenario (e)). With
 * {@code bench.replicas=2} the closed loop runs twice, first against one replica, then spread over both, and the
 * second reports the gain ({@code replicaGain}: its throughput over the first's).
 * A Kafka consumer reads the topic back and reports how many of the fixed-rate phase's approved payments' events
 * arrived and how long after the pay call answered.
 */
final class CheckoutPayScenario implements Scenario {

  static final String ID = "checkout-pay";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "(a) merchant checkout + user pay, end to end";
  }

  @Override
  public List<PhaseResult> run(BenchContext ctx) {
    BenchOptions options = ctx.options();
    Population users = ctx.population();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<PhaseResult> results = new ArrayList<>();

    // Warm-up at the measured rate, so the JIT, pools and caches are in the state the measured phase needs; the
    // topic is read back from here on, so the bench's own consumer is compiled before it shares the cores measured.
    EventWatch events = EventWatch.start(ctx);
    ctx.warmUp(ID, Phase.openLoop("warm-up", options.payRate(), options.maxInFlight(), options.warmup()),
        new Pay(ctx, users, run + "-w", events));

    events.countFromNow();
    Pay fixed = new Pay(ctx, users, run + "-r", events);
    PhaseResult rate = ctx.measure(ID, Phase.openLoop("fixed rate", options.payRate(), options.maxInFlight(),
        options.duration()), fixed);
    results.add(rate.withExtra(new JsonObject().put("payCall", fixed.payCall.summary())
        .put("checkoutCall", fixed.checkoutCall.summary()).put("kafka", events.finish())));

    PhaseResult alone = null;
    if (ctx.replicas() > 1) {
      // The baseline of the second replica's gain: the same closed loop against the first replica only.
      ctx.firstReplicaOnly(true);
      try {
        Pay oneReplica = new Pay(ctx, users, run + "-s1", null);
        alone = ctx.measure(ID, Phase.closedLoop("saturation, first replica alone", options.workers(),
            options.saturation()), oneReplica);
        results.add(alone.withExtra(new JsonObject().put("payCall", oneReplica.payCall.summary())
            .put("checkoutCall", oneReplica.checkoutCall.summary())));
      } finally {
        ctx.firstReplicaOnly(false);
      }
    }
    Pay saturated = new Pay(ctx, users, run + "-s", null);
    // With several replicas, spread over all of them (what scenario (e)'s floor is compared with then).
    PhaseResult max = ctx.measure(ID, Phase.closedLoop("saturation", options.workers(), options.saturation()),
        saturated);
    JsonObject extra = new JsonObject().put("payCall", saturated.payCall.summary())
        .put("checkoutCall", saturated.checkoutCall.summary());
    if (alone != null) {
      extra.put("replicaGain", Math.round(max.throughput() / Math.max(1e-9, alone.throughput()) * 100) / 100.0);
    }
    results.add(max.withExtra(extra));
    return results;
  }

  /** One checkout and its payment. */
  private static final class Pay implements Operation {
    private final BenchContext ctx;
    private final Population users;
    private final String prefix;
    private final EventWatch events;
    private final long amount;
    final LatencyRecorder payCall = new LatencyRecorder();
    final LatencyRecorder checkoutCall = new LatencyRecorder();

    Pay(BenchContext ctx, Population users, String prefix, EventWatch events) {
      this.ctx = ctx;
      this.users = users;
      this.prefix = prefix;
      this.events = events;
      this.amount = ctx.options().amount();
    }

    @Override
    public Future<?> run(long index) {
      return PaidCheckouts.checkoutAndPay(ctx, users.apiKey(index), users.payer(index), "bench-" + prefix + "-" + index).map(paid -> {
        checkoutCall.recordNanos(paid.checkoutNanos());
        payCall.recordNanos(paid.payNanos());
        if (events != null) {
          events.expect(paid.payment().getString("id"), paid.answeredAt());
        }
        return paid.payment();
      });
    }
  }

  /** Reads the payment-events topic back: which approved payments were published, and how long after the answer. */
  private static final class EventWatch {
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();
    private final Map<String, Long> early = new ConcurrentHashMap<>();
    private LatencyRecorder lag = new LatencyRecorder();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong seen = new AtomicLong();
    private final KafkaConsumer<String, ByteBuffer> consumer;
    private final io.vertx.core.Vertx vertx;

    private EventWatch(io.vertx.core.Vertx vertx, KafkaConsumer<String, ByteBuffer> consumer) {
      this.vertx = vertx;
      this.consumer = consumer;
    }

    static EventWatch start(BenchContext ctx) {
      Map<String, String> config = Map.of(
          "bootstrap.servers", ctx.target().kafkaBootstrap(),
          "group.id", "shpay-bench-" + UUID.randomUUID(),
          "auto.offset.reset", "latest",
          "enable.auto.commit", "false",
          "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
          // Only the key (the payment id) is read: the value is left as the fetched bytes, uncopied and undecoded.
          "value.deserializer", "org.apache.kafka.common.serialization.ByteBufferDeserializer");
      KafkaConsumer<String, ByteBuffer> consumer = KafkaConsumer.create(ctx.vertx(), config);
      EventWatch watch = new EventWatch(ctx.vertx(), consumer);
      consumer.handler(record -> watch.seen(record.key()));
      // Wait until partitions are assigned: an event sent before that would slip past "latest".
      io.vertx.core.Promise<Void> assigned = io.vertx.core.Promise.promise();
      consumer.partitionsAssignedHandler(partitions -> assigned.tryComplete());
      BenchContext.await(consumer.subscribe(ctx.target().paymentEventsTopic()));
      BenchContext.await(assigned.future().timeout(60, TimeUnit.SECONDS));
      return watch;
    }

    /** Forgets the warm-up's payments: what {@link #finish} reports is counted from here. */
    synchronized void countFromNow() {
      waiting.clear();
      early.clear();
      lag = new LatencyRecorder();
      expected.set(0);
      seen.set(0);
    }

    // synchronized with seen: each checks the other's map and then writes its own, so unsynchronised an event
    // arriving between the two steps of expect was left in early while its id waited in waiting, counted missing.
    synchronized void expect(String paymentId, long answeredNanos) {
      expected.incrementAndGet();
      Long arrived = early.remove(paymentId);
      if (arrived != null) {
        seen.incrementAndGet();
        lag.recordNanos(Math.max(0, arrived - answeredNanos));
      } else {
        waiting.put(paymentId, answeredNanos);
      }
    }

    private synchronized void seen(String paymentId) {
      long now = System.nanoTime();
      if (paymentId == null) {
        return;
      }
      Long answered = waiting.remove(paymentId);
      if (answered != null) {
        seen.incrementAndGet();
        lag.recordNanos(now - answered);
      } else if (early.size() < 1_000_000) {
        early.put(paymentId, now); // the event overtook our reading of the answer, or is not ours
      }
    }

    /** Waits up to 30 s for the stragglers, then {@code {expected, published, lagMs{…}}}. */
    JsonObject finish() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      io.vertx.core.Promise<Void> drained = io.vertx.core.Promise.promise();
      vertx.setPeriodic(50, 50, id -> {
        if (waiting.isEmpty() || System.nanoTime() >= deadline) {
          vertx.cancelTimer(id);
          drained.complete();
        }
      });
      BenchContext.await(drained.future());
      BenchContext.await(consumer.close());
      synchronized (this) {
        return new JsonObject().put("expected", expected.get()).put("published", seen.get())
            .put("missing", waiting.size()).put("answerToKafka", lag.summary());
      }
    }
  }
}
