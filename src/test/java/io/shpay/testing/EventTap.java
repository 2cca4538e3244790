package io.shpay.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A downstream consumer of the payment-events topic, as another team would write one: its own
 * group from the earliest offset, dedupe by {@code ce_id}. Tests wait on it with a bound.
 */
public final class EventTap {

  /** One CloudEvent as received: the Kafka key, the {@code ce_*} headers and the JSON data. */
  public record Event(String key, Map<String, String> headers, JsonObject data) {

    public String id() {
      return headers.get("ce_id");
    }

    public String type() {
      return headers.get("ce_type");
    }
  }

  private final Vertx vertx;
  private final KafkaConsumer<String, String> consumer;
  private final List<Event> received = new CopyOnWriteArrayList<>();

  private EventTap(Vertx vertx, KafkaConsumer<String, String> consumer) {
    this.vertx = vertx;
    this.consumer = consumer;
  }

  public static Future<EventTap> start(Vertx vertx, String topic) {
    return start(vertx, TestServers.get().kafkaBootstrap(), topic);
  }

  /** A tap on the topic of another broker than the test servers' one, e.g. a test's own {@code EmbeddedKafka}. */
  public static Future<EventTap> start(Vertx vertx, String bootstrapServers, String topic) {
    KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "group.id", "test-tap-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false",
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"));
    EventTap tap = new EventTap(vertx, consumer);
    consumer.handler(tap::receive);
    return consumer.subscribe(topic).map(tap);
  }

  private void receive(KafkaConsumerRecord<String, String> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    record.headers().forEach(header -> headers.put(header.key(), header.value().toString(StandardCharsets.UTF_8)));
    received.add(new Event(record.key(), headers, new JsonObject(record.value())));
  }

  /**
   * Every distinct event (by ce_id) received so far for this payment, in arrival order. Each is
   * checked against the published schema first ({@link PublishedSchemas#assertEvent}): a test that
   * reads SH Pay's events fails on one that breaks the contract.
   */
  public List<Event> of(String paymentId) {
    Map<String, Event> distinct = new LinkedHashMap<>();
    for (Event event : received) {
      if (paymentId.equals(event.key())) {
        distinct.putIfAbsent(event.id(), event);
      }
    }
    distinct.values().forEach(event -> PublishedSchemas.assertEvent(event.type(), event.data()));
    return new ArrayList<>(distinct.values());
  }

  /** Every record received so far, repeats included, in arrival order. */
  public List<Event> all() {
    return List.copyOf(received);
  }

  /** How many records arrived for the payment, repeats included. */
  public long rawCount(String paymentId) {
    return received.stream().filter(event -> paymentId.equals(event.key())).count();
  }

  /** Waits (polling, at most about 20 s) until the payment's events include all of {@code types}. */
  public Future<List<Event>> await(String paymentId, Set<String> types) {
    return await(paymentId, types, 200);
  }

  private Future<List<Event>> await(String paymentId, Set<String> types, int attemptsLeft) {
    List<Event> events = of(paymentId);
    if (events.stream().map(Event::type).toList().containsAll(types)) {
      return Future.succeededFuture(events);
    }
    if (attemptsLeft == 0) {
      return Future.failedFuture(new AssertionError("events of " + paymentId + " never included " + types + ": " + events));
    }
    return vertx.timer(100).compose(tick -> await(paymentId, types, attemptsLeft - 1));
  }

  public Future<Void> close() {
    return consumer.close();
  }
}
