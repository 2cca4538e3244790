package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Stopping SH Pay while a bank call is under way: it stops taking work, lets the call finish and
 * its outcome be written, and only then closes its pools, so nothing is left REQUESTED.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulStopTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void aPaymentUnderWayWhenSHPayStopsIsSettledBeforeThePoolsClose() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    long before = STACK.nhBalance(account);
    String checkoutId = await(STACK.checkout(merchant, 4_400));

    STACK.nh().faults().latency(Duration.ofMillis(1_500));
    STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"), UUID.randomUUID().toString());
    awaitPaymentRecorded(checkoutId);
    await(STACK.app().close());

    assertThat(status("SELECT status FROM payments WHERE checkout_id = ?", checkoutId)).isEqualTo("APPROVED");
    assertThat(status("SELECT status FROM checkouts WHERE id = ?", checkoutId)).isEqualTo("PAID");
    assertThat(STACK.nhBalance(account)).isEqualTo(before - 4_400);
  }

  private static void awaitPaymentRecorded(String checkoutId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (await(STACK.mysql().preparedQuery("SELECT id FROM payments WHERE checkout_id = ?").execute(Tuple.of(checkoutId)))
          .iterator().hasNext()) {
        return;
      }
      await(STACK.vertx().timer(20));
    }
    throw new AssertionError("the payment was never recorded");
  }

  private static String status(String sql, String id) throws Exception {
    return await(STACK.mysql().preparedQuery(sql).execute(Tuple.of(id))).iterator().next().getString("status");
  }

}
