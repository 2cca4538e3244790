package io.shpay.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.HistoryConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * Every consumer group fetches in batches under load (the broker waits for some bytes before it answers), and the
 * wait it allows stays a small part of the 250 ms a live notification may take.
 */
class ConsumerFetchUnitTest {

  private static final Duration LIVE_NOTIFICATION_BUDGET = Duration.ofMillis(250);

  @Test
  void groupsFetchBatchesAndWaitForThemOnlyBriefly() {
    HistoryConfig config = new HistoryConfig("shpay.payment-events", "shpay.payment-events.dlt", "shpay-", 500, 5,
        Duration.ofMillis(100));

    Map<String, Object> properties = PaymentEventConsumer.consumerProperties("localhost:9092", "shpay-notify", config);

    assertThat(Integer.parseInt((String) properties.get("fetch.min.bytes"))).isGreaterThanOrEqualTo(8 * 1024);
    long maxWaitMillis = Long.parseLong((String) properties.get("fetch.max.wait.ms"));
    assertThat(maxWaitMillis).isPositive().isLessThanOrEqualTo(LIVE_NOTIFICATION_BUDGET.toMillis() / 4);
    assertThat(properties).containsEntry("enable.auto.commit", "false").containsEntry("group.id", "shpay-notify");
  }
}
