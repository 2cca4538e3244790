package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;

/**
 * A payment's event is published as soon as its outcome commits, not at the relay's next poll: the commit wakes the
 * relay. The poll here is the longest allowed (one minute), so five payments in a row could not all be published
 * within a second of their commit by the poll alone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboxWakeTest {

  private static final int PAYMENTS = 5;
  // Two payment verticles, as on a 2-core pod: a commit on either wakes the process's one relay.
  private static final JsonObject SETTINGS = EventTopics.isolated().put("SHPAY_PAYMENTS_OUTBOX_POLL_INTERVAL", "PT1M")
      .put("SHPAY_PAYMENTS_INSTANCES", 2);

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(SETTINGS, java.util.function.UnaryOperator.identity());

  private static Pool db;

  @BeforeAll
  static void start() {
    db = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(STACK.vertx()).build();
  }

  @AfterAll
  static void stop() {
    await(db.close());
  }

  @Test
  void paymentsCommittingAtOnceOnBothInstancesAreEachPublishedWithinASecondOfTheirCommit() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    List<Future<String>> paying = new ArrayList<>();
    for (int i = 0; i < 4 * PAYMENTS; i++) {
      paying.add(STACK.paidCheckout(merchant, user, 100));
    }
    await(Future.all(paying));
    for (Future<String> paid : paying) {
      String paymentId = paid.result();
      Row event = await(io.shpay.testing.Eventually.until(STACK.vertx(), () -> db.preparedQuery(
                  "SELECT occurred_at, sent_at FROM outbox_events WHERE aggregate_id = ? ORDER BY id LIMIT 1")
              .execute(Tuple.of(paymentId)).map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null),
          row -> row != null && row.getLocalDateTime("sent_at") != null, "the payment's event marked sent"));
      assertThat(Duration.between(event.getLocalDateTime("occurred_at"), event.getLocalDateTime("sent_at")))
          .as("payment %s: from commit to published", paymentId).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void anApprovedPaymentsEventIsPublishedWithinASecondOfItsCommit() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    for (int i = 0; i < PAYMENTS; i++) {
      String paymentId = await(STACK.paidCheckout(merchant, user, 1_000));
      Row event = await(io.shpay.testing.Eventually.until(STACK.vertx(), () -> db.preparedQuery(
                  "SELECT occurred_at, sent_at FROM outbox_events WHERE aggregate_id = ? ORDER BY id LIMIT 1")
              .execute(Tuple.of(paymentId)).map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null),
          row -> row != null && row.getLocalDateTime("sent_at") != null, "the payment's event marked sent"));
      LocalDateTime occurred = event.getLocalDateTime("occurred_at");
      LocalDateTime sent = event.getLocalDateTime("sent_at");
      assertThat(Duration.between(occurred, sent)).as("payment %d: from commit to published", i)
          .isLessThan(Duration.ofSeconds(1));
    }
  }
}
