package io.shpay.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

import java.time.Clock;
import java.util.Map;

/**
 * Parks an event that cannot be handled on the dead-letter topic: the original key, value and
 * headers unchanged, plus {@code shpay-dlt-*} headers saying which consumer gave up, after how many
 * attempts, why, and where the event came from. An operator can replay it from there once fixed.
 */
public final class DeadLetters {

  private static final int MAX_ERROR_LENGTH = 500;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Clock clock;

  private DeadLetters(KafkaProducer<String, byte[]> producer, String topic, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  public static DeadLetters create(Vertx vertx, String bootstrapServers, String topic, Clock clock) {
    KafkaProducer<String, byte[]> producer = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
        "enable.idempotence", "true",
        "acks", "all",
        "delivery.timeout.ms", "10000",
        "request.timeout.ms", "5000",
        "max.block.ms", "5000"));
    return new DeadLetters(producer, topic, clock);
  }

  public String topic() {
    return topic;
  }

  /** Completes once Kafka has the dead letter; only then may the consumer move past the record. */
  Future<Void> park(KafkaConsumerRecord<String, byte[]> record, String consumerGroup, int attempts, Throwable error) {
    KafkaProducerRecord<String, byte[]> letter = KafkaProducerRecord.create(topic, record.key(), record.value());
    record.headers().forEach(letter::addHeader);
    letter.addHeader(KafkaHeader.header("shpay-dlt-consumer-group", consumerGroup));
    letter.addHeader(KafkaHeader.header("shpay-dlt-attempts", Integer.toString(attempts)));
    letter.addHeader(KafkaHeader.header("shpay-dlt-error", describe(error)));
    letter.addHeader(KafkaHeader.header("shpay-dlt-source",
        record.topic() + "/" + record.partition() + "@" + record.offset()));
    letter.addHeader(KafkaHeader.header("shpay-dlt-failed-at", clock.instant().toString()));
    return producer.send(letter).mapEmpty();
  }

  private static String describe(Throwable error) {
    String text = error.getClass().getSimpleName() + ": " + error.getMessage();
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }

  public Future<Void> close() {
    return producer.close();
  }
}
