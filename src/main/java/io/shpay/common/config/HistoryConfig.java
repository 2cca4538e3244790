package io.shpay.common.config;

import java.time.Duration;

/**
 * The {@code history.*} keys: how every consumer of the payment-events topic (history, live
 * notifications, merchant webhooks, Slack alerts) reads it.
 *
 * @param paymentEventsTopic the topic the payment outbox publishes to
 * @param deadLetterTopic where an event goes after {@code maxAttempts} failed attempts, with the error attached
 * @param groupPrefix each consumer's group id is this prefix plus its own name ({@code shpay-history}, ...)
 * @param maxInFlight records one consumer handles at once (Kafka {@code max.poll.records})
 * @param maxAttempts attempts at one event before it is dead-lettered
 * @param retryBackoff the pause before the second attempt; it doubles with each further one
 */
public record HistoryConfig(
    String paymentEventsTopic,
    String deadLetterTopic,
    String groupPrefix,
    int maxInFlight,
    int maxAttempts,
    Duration retryBackoff) {

  static HistoryConfig read(ConfigReader reader) {
    return new HistoryConfig(
        reader.string("kafka.paymentEventsTopic"),
        reader.string("history.deadLetterTopic"),
        reader.string("history.groupPrefix"),
        reader.integer("history.maxInFlight", 1, 10_000),
        reader.integer("history.maxAttempts", 1, 100),
        reader.duration("history.retryBackoff", Duration.ofMillis(1), Duration.ofMinutes(1)));
  }

  public String groupId(String consumer) {
    return groupPrefix + consumer;
  }
}
