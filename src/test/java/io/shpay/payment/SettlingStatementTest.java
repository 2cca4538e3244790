package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the statement that settles a pay's payment as recorded costs the server besides its rows, read from MySQL's own
 * counters on the connection that ran it. A multi-table {@code UPDATE} keeps the rows of every table but its first in a
 * temporary table, which MariaDB builds on disk (a file made and deleted, every statement) when a row's key is long:
 * with {@code idempotency_records} (a utf8mb4 key of 319 characters) as a third table, it did.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SettlingStatementTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void settlingAPaymentAndItsCheckoutCreatesNoTemporaryTableOnDisk() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    String checkoutId = await(STACK.checkout(merchant, 800));
    Clock clock = Clock.systemUTC();
    PaymentRecords records = new PaymentRecords(clock, Duration.ofMinutes(5));
    String paymentId = UUID.randomUUID().toString();
    MoneyMovement payment = new MoneyMovement(paymentId, paymentId, checkoutId, merchant.getString("id"),
        UUID.randomUUID().toString(), 800, Rail.NH, UUID.randomUUID().toString(), null, null, null,
        PaymentStatus.REQUESTED, 0, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    SqlConnection connection = await(STACK.mysql().getConnection());
    try {
      await(records.insertPayment(connection, payment, UUID.randomUUID().toString(), null));
      long before = temporaryTablesOnDisk(connection);

      Optional<PaymentRecord> settled = await(records.settleIfRequested(connection, payment, PaymentStatus.APPROVED,
          "0000", "approved", null, CheckoutStatus.PAID));

      assertThat(settled).isPresent();
      assertThat(temporaryTablesOnDisk(connection)).as("on-disk temporary tables the statement created")
          .isEqualTo(before);
    } finally {
      await(connection.close());
    }
  }

  private static long temporaryTablesOnDisk(SqlConnection connection) throws Exception {
    return Long.parseLong(await(connection.query("SHOW SESSION STATUS LIKE 'Created_tmp_disk_tables'").execute())
        .iterator().next().getString(1));
  }
}
