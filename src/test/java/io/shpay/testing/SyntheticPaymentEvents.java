package io.shpay.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Payment events written straight to a topic, in the same CloudEvents binary format the outbox
 * relay uses, so consumer tests control exactly what arrives (and can send what never should).
 */
public final class SyntheticPaymentEvents {

  private final KafkaProducer<String, CloudEvent> events;
  private final KafkaProducer<String, String> raw;
  private final String topic;

  private SyntheticPaymentEvents(KafkaProducer<String, CloudEvent> events, KafkaProducer<String, String> raw,
      String topic) {
    this.events = events;
    this.raw = raw;
    this.topic = topic;
  }

  public static SyntheticPaymentEvents create(Vertx vertx, String topic) {
    String bootstrap = TestServers.get().kafkaBootstrap();
    return new SyntheticPaymentEvents(
        KafkaProducer.create(vertx, Map.of("bootstrap.servers", bootstrap, "acks", "all",
            "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
            "value.serializer", "io.cloudevents.kafka.CloudEventSerializer")),
        KafkaProducer.create(vertx, Map.of("bootstrap.servers", bootstrap, "acks", "all",
            "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
            "value.serializer", "org.apache.kafka.common.serialization.StringSerializer")),
        topic);
  }

  /** The data of an approved payment of {@code amount} by {@code userId}; change it freely before sending. */
  public static JsonObject approvedPayment(String paymentId, String userId, long amount) {
    String now = Instant.now().toString();
    return new JsonObject()
        .put("schemaVersion", 1)
        .put("occurredAt", now)
        .put("payment", new JsonObject()
            .put("id", paymentId)
            .put("checkoutId", UUID.randomUUID().toString())
            .put("merchantId", UUID.randomUUID().toString())
            .put("orderId", "order-" + UUID.randomUUID())
            .put("userId", userId)
            .put("amount", amount)
            .put("refundedAmount", 0)
            .put("currency", "KRW")
            .put("status", "APPROVED")
            .put("rail", "NH")
            .put("createdAt", now)
            .put("updatedAt", now));
  }

  /** Sends one CloudEvent keyed by its payment id; completes when Kafka has it. */
  public Future<Void> send(String eventId, String type, JsonObject data) {
    String paymentId = data.getJsonObject("payment").getString("id");
    CloudEvent event = CloudEventBuilder.v1()
        .withId(eventId)
        .withType(type)
        .withSource(URI.create("/shpay/payments"))
        .withSubject(paymentId)
        .withTime(java.time.OffsetDateTime.now())
        .withDataContentType("application/json")
        .withData(data.encode().getBytes(StandardCharsets.UTF_8))
        .build();
    return events.send(KafkaProducerRecord.create(topic, paymentId, event)).mapEmpty();
  }

  /** Sends a record that is not a CloudEvent at all. */
  public Future<Void> sendRaw(String key, String value) {
    return raw.send(KafkaProducerRecord.create(topic, key, value)).mapEmpty();
  }

  public Future<Void> close() {
    return Future.join(events.close(), raw.close()).mapEmpty();
  }
}
