package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A bank that stops answering: outcomes become UNKNOWN, then the rail's breaker opens and payments get a 503 before
 * anything is recorded or sent, while a retry of an earlier pay is still answered with its payment.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BankOutageTest {

  /** The breaker opens after this many unanswered charges (see Rails). */
  private static final int FAILURES_TO_OPEN = 5;

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void aBankThatStopsAnsweringOpensTheBreakerAndLaterPaymentsAreRefusedWithoutCharging() {
    Account account = STACK.nh().bank().accounts().stream().filter(a -> a.birthDate().length() == 8).findFirst()
        .orElseThrow();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(account));
    // Slower than SH Pay's 2 s NH timeout: every charge goes unanswered.
    STACK.nh().faults().latency(Duration.ofMillis(2_500));
    String firstCheckoutId = null;
    String firstKey = null;
    try {
      for (int i = 0; i < FAILURES_TO_OPEN; i++) {
        String checkoutId = await(STACK.checkout(merchant, 1_000));
        String key = UUID.randomUUID().toString();
        HttpResponse<Buffer> response = await(STACK.pay(user.getString("accessToken"), checkoutId,
            user.getString("finAccountId"), key));
        assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
        firstCheckoutId = firstCheckoutId == null ? checkoutId : firstCheckoutId;
        firstKey = firstKey == null ? key : firstKey;
      }
      String checkoutId = await(STACK.checkout(merchant, 1_000));
      long before = STACK.nh().bank().balance(account.bankCode(), account.accountNumber());
      HttpResponse<Buffer> refused = await(STACK.pay(user.getString("accessToken"), checkoutId,
          user.getString("finAccountId"), UUID.randomUUID().toString()));
      HttpResponse<Buffer> checkout = await(STACK.api().get("/api/v1/checkouts/" + checkoutId, user.getString("accessToken")));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("bank_unavailable");
      assertThat(STACK.nh().bank().balance(account.bankCode(), account.accountNumber()))
          .as("the bank was not asked").isEqualTo(before);
      assertThat(checkout.bodyAsJsonObject().getString("status")).as("nothing recorded").isEqualTo("OPEN");

      // A retry of an earlier pay is still answered with its payment while the bank is down.
      HttpResponse<Buffer> replayed = await(STACK.pay(user.getString("accessToken"), firstCheckoutId,
          user.getString("finAccountId"), firstKey));
      assertThat(replayed.statusCode()).as(replayed.bodyAsString()).isEqualTo(200);
      assertThat(replayed.getHeader("Idempotent-Replayed")).isEqualTo("true");
      assertThat(replayed.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
    } finally {
      STACK.nh().faults().clear();
    }
  }
}
