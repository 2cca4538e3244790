package io.shpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.db.ImplicitTransactions;
import io.shpay.testing.Await;
import io.shpay.testing.EventTap;
import io.shpay.testing.Eventually;
import io.shpay.testing.TestApp;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two outbox relays (as two payment replicas run them) publish the same outbox at the same time,
 * round after round, and still every payment's events reach Kafka in the order they were written.
 * Steps run one after another on the test thread.
 *
 * <p>The topic is created and both producers have fetched its partitions before the first round, so
 * a round measures the relays, not the broker creating a topic. A round that fails (a send refused by
 * a broker slowed down on a loaded machine) is simply followed by the next one, as the payment
 * verticle's timer does: the order must hold across failed rounds too.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OutboxOrderWithTwoRelaysTest {

  private static final int PAYMENTS = 8;
  /** Enough rows for several rounds of the relay's batch, so the two relays overlap again and again. */
  private static final int EVENTS_PER_PAYMENT = 150;
  private static final int PARTITIONS = 3;

  private static Vertx vertx;
  private static TestApp app;
  private static Pool db;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestApp.start());  // migrates the schema
    db = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(vertx).build();
  }

  @AfterAll
  static void stop() {
    await(db.close());
    await(app.close());
    await(vertx.close());
  }

  @Test
  void twoRelaysRunningAtOnceKeepEveryPaymentsEventsInOrder() {
    String topic = "shpay.order-test-" + UUID.randomUUID();
    List<String> payments = new ArrayList<>();
    for (int p = 0; p < PAYMENTS; p++) {
      payments.add(UUID.randomUUID().toString());
    }
    // Interleaved as concurrent payments write them: event 1 of every payment, then event 2, ...
    List<Tuple> rows = new ArrayList<>();
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    for (int sequence = 1; sequence <= EVENTS_PER_PAYMENT; sequence++) {
      for (String payment : payments) {
        JsonObject data = new JsonObject().put("schemaVersion", 1).put("sequence", sequence)
            .put("payment", new JsonObject().put("id", payment)).put("occurredAt", now.toString() + "Z");
        rows.add(Tuple.of(UUID.randomUUID().toString(), "shpay.payment.approved", payment, sequence, data.encode(), now));
      }
    }
    await(db.preparedQuery("INSERT INTO outbox_events (event_id, event_type, aggregate_id, sequence, payload, occurred_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)").executeBatch(rows));
    createTopic(topic);
    EventTap tap = await(EventTap.start(vertx, topic));
    KafkaProducer<String, CloudEvent> first = producer();
    KafkaProducer<String, CloudEvent> second = producer();
    await(Eventually.until(vertx, () -> Future.all(first.partitionsFor(topic), second.partitionsFor(topic)),
        both -> both.<List<?>>resultAt(0).size() == PARTITIONS && both.<List<?>>resultAt(1).size() == PARTITIONS,
        "both producers know the topic's partitions"));
    // Each with its own connection, as each replica's relay has.
    ShpayConfig.Mysql mysql = new ShpayConfig.Mysql(TestServers.get().mysqlUri(), Optional.empty(), 2, false);
    ImplicitTransactions oneConnection = Database.relayTransactions(vertx, mysql);
    ImplicitTransactions otherConnection = Database.relayTransactions(vertx, mysql);
    OutboxRelay one = new OutboxRelay(oneConnection, first, topic, Clock.systemUTC());
    OutboxRelay other = new OutboxRelay(otherConnection, second, topic, Clock.systemUTC());

    while (await(unsent(payments)) > 0) {
      // join settles only when both rounds have; a failed round leaves its rows for a later one.
      await(Future.join(one.relay(), other.relay()).otherwiseEmpty());
    }
    await(Eventually.until(vertx, () -> Future.succeededFuture(payments.stream().mapToInt(p -> tap.unchecked(p).size()).sum()),
        received -> received == PAYMENTS * EVENTS_PER_PAYMENT, "every event reached the topic"));

    for (String payment : payments) {
      List<Integer> arrived = tap.unchecked(payment).stream().map(event -> event.data().getInteger("sequence")).toList();
      assertThat(arrived).as("events of payment %s in arrival order", payment)
          .isEqualTo(java.util.stream.IntStream.rangeClosed(1, EVENTS_PER_PAYMENT).boxed().toList());
    }
    await(tap.close());
    await(first.close());
    await(second.close());
    await(oneConnection.close());
    await(otherConnection.close());
  }

  private static void createTopic(String topic) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", TestServers.get().kafkaBootstrap()));
    try {
      await(admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))));
    } finally {
      await(admin.close());
    }
  }

  private static Future<Long> unsent(List<String> payments) {
    return db.preparedQuery("SELECT COUNT(*) AS n FROM outbox_events WHERE sent_at IS NULL AND aggregate_id IN (?, ?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.wrap(new ArrayList<Object>(payments)))
        .map(result -> result.iterator().next().getLong("n"));
  }

  /** A producer configured as the payment verticle's. */
  private static KafkaProducer<String, CloudEvent> producer() {
    return KafkaProducer.create(vertx, PaymentVerticle.outboxProducerConfig(TestServers.get().kafkaBootstrap()));
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(90));
  }
}
