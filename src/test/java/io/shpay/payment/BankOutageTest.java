package io.shpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A bank that stops answering: outcomes become UNKNOWN, then the rail's breaker opens and payments get a 503 before anything is recorded or sent. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class BankOutageTest {

  /** The breaker opens after this many unanswered charges (see Rails). */
  private static final int FAILURES_TO_OPEN = 5;

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void aBankThatStopsAnsweringOpensTheBreakerAndLaterPaymentsAreRefusedWithoutCharging(VertxTestContext ctx) {
    Account account = STACK.nh().bank().accounts().stream().filter(a -> a.birthDate().length() == 8).findFirst()
        .orElseThrow();
    Future.all(STACK.merchant(), STACK.userWithFinAccount(account)).compose(both -> {
      JsonObject merchant = both.resultAt(0);
      JsonObject user = both.resultAt(1);
      // Slower than SH Pay's 2 s NH timeout: every charge goes unanswered.
      STACK.nh().faults().latency(Duration.ofMillis(2_500));
      Future<Void> unanswered = Future.succeededFuture();
      for (int i = 0; i < FAILURES_TO_OPEN; i++) {
        unanswered = unanswered.compose(previous -> STACK.checkout(merchant, 1_000)
            .compose(checkoutId -> STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
                UUID.randomUUID().toString()))
            .map(response -> {
              ctx.verify(() -> assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN"));
              return null;
            }));
      }
      return unanswered.compose(open -> STACK.checkout(merchant, 1_000)).compose(checkoutId -> {
        long before = STACK.nh().bank().balance(account.bankCode(), account.accountNumber());
        return STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
                UUID.randomUUID().toString())
            .compose(refused -> STACK.api().get("/api/v1/checkouts/" + checkoutId, user.getString("accessToken"))
                .map(checkout -> {
                  STACK.nh().faults().clear();
                  ctx.verify(() -> {
                    assertThat(refused.statusCode()).isEqualTo(503);
                    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("bank_unavailable");
                    assertThat(STACK.nh().bank().balance(account.bankCode(), account.accountNumber()))
                        .as("the bank was not asked").isEqualTo(before);
                    assertThat(checkout.bodyAsJsonObject().getString("status")).as("nothing recorded").isEqualTo("OPEN");
                  });
                  return null;
                }));
      });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
