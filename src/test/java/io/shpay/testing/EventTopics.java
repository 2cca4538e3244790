package io.shpay.testing;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Settings that give one test class its own payment-events topic, dead-letter topic and consumer
 * groups on the shared broker, so its consumers see only its own events.
 */
public final class EventTopics {

  private EventTopics() {}

  public static JsonObject isolated() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new JsonObject()
        .put("SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC", "shpay.payment-events." + suffix)
        .put("SHPAY_HISTORY_DEAD_LETTER_TOPIC", "shpay.payment-events.dlt." + suffix)
        .put("SHPAY_HISTORY_GROUP_PREFIX", "shpay-" + suffix + "-");
  }

  public static String topic(JsonObject settings) {
    return settings.getString("SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC");
  }

  public static String deadLetterTopic(JsonObject settings) {
    return settings.getString("SHPAY_HISTORY_DEAD_LETTER_TOPIC");
  }
}
