package io.shpay.webhook;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Migrations;
import io.shpay.common.db.SqlTime;
import io.shpay.events.PaymentEvent;
import io.shpay.events.PaymentEventType;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import io.shpay.testing.MysqlCommandTap;
import io.shpay.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A polled batch of payment events costs the webhook consumer one endpoint lookup, not one per event: most payments
 * are for merchants without an endpoint, and the lookup per event was a MySQL round trip per payment. Every event
 * of a merchant with an endpoint still gets its delivery, once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookFanoutBatchTest {

  private static final URI MYSQL = URI.create(TestServers.get().mysqlUri());
  private static Vertx vertx;
  private static MysqlCommandTap tap;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    await(Migrations.apply(vertx, new ShpayConfig.Mysql(MYSQL.toString(), Optional.empty(), 4, true)));
    tap = MysqlCommandTap.startInFrontOf(vertx, MYSQL);
    pool = MySQLBuilder.pool().connectingTo(tap.uriThrough(MYSQL)).using(vertx).build();
  }

  @AfterAll
  static void stop() throws Exception {
    await(pool.close());
    tap.close();
    await(vertx.close());
  }

  @Test
  void aBatchLooksItsMerchantsEndpointsUpOnceAndQueuesEachEventOfAMerchantWithOne() {
    Clock clock = Clock.systemUTC();
    MerchantWebhooks endpoints = new MerchantWebhooks(pool, clock);
    WebhookDeliveries deliveries = new WebhookDeliveries(pool, clock);
    WebhookFanout fanout = new WebhookFanout(endpoints, deliveries, Duration.ofHours(1));
    String listening = UUID.randomUUID().toString();
    await(pool.preparedQuery("INSERT INTO merchant_webhooks (merchant_id, url, secret_version, created_at, updated_at) "
        + "VALUES (?, 'https://hooks.example.com/shpay', 1, ?, ?)")
        .execute(Tuple.of(listening, SqlTime.utc(clock.instant()), SqlTime.utc(clock.instant()))));
    List<String> quiet = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
        UUID.randomUUID().toString());
    List<PaymentEvent> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(approved(i % 4 == 0 ? listening : quiet.get(i % 3)));
    }

    tap.clear();
    await(fanout.handleAll(events));
    await(fanout.handleAll(events)); // redelivered: nothing queued twice

    long lookups = tap.commands().stream()
        .filter(command -> !command.sql().startsWith("PREPARE ") && command.sql().contains("FROM merchant_webhooks"))
        .count();
    assertThat(lookups).as("one endpoint lookup per batch, not per event").isEqualTo(2);
    List<String> queued = new ArrayList<>();
    await(pool.preparedQuery("SELECT event_id FROM webhook_deliveries WHERE merchant_id = ?").execute(Tuple.of(listening)))
        .forEach(row -> queued.add(row.getString("event_id")));
    assertThat(queued).containsExactlyInAnyOrderElementsOf(
        events.stream().filter(event -> event.merchantId().equals(listening)).map(PaymentEvent::id).toList());
    long others = await(pool.preparedQuery("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE merchant_id IN (?, ?, ?)")
        .execute(Tuple.of(quiet.get(0), quiet.get(1), quiet.get(2)))).iterator().next().getLong("n");
    assertThat(others).as("merchants without an endpoint get no delivery").isZero();
  }

  private static PaymentEvent approved(String merchantId) {
    String paymentId = UUID.randomUUID().toString();
    String now = Instant.now().toString();
    return new PaymentEvent(UUID.randomUUID().toString(), PaymentEventType.APPROVED, Instant.now(), now, 1L,
        new PaymentEvent.Payment(paymentId, UUID.randomUUID().toString(), merchantId, "order-" + paymentId,
            UUID.randomUUID().toString(), 1_000, 0, PaymentStatus.APPROVED, Rail.NH, "00", "OK", "***-****-1234", now,
            now),
        null);
  }
}
