package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A pay's payment is its key's record, so a client error is stored as a key's answer only while no payment carries
 * the key: a stored answer and a payment never both answer one key (a concurrent request with the key may have paid
 * between this one's failure and its storing).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PayClientErrorRecordTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject(), UnaryOperator.identity());

  @Test
  void aClientErrorIsStoredForAKeyNoPaymentCarriesAndNotForOneAPaymentDoes() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 1_700));
    String paidKey = UUID.randomUUID().toString();
    String unusedKey = UUID.randomUUID().toString();
    HttpResponse<Buffer> paid = await(STACK.pay(user.getString("accessToken"), checkoutId,
        user.getString("finAccountId"), paidKey));
    String userId = await(STACK.mysql().preparedQuery("SELECT user_id FROM fin_accounts WHERE id = ?")
        .execute(Tuple.of(user.getString("finAccountId")))).iterator().next().getString("user_id");
    IdempotencyStore store = new IdempotencyStore(STACK.mysql(), Clock.systemUTC(), Duration.ofHours(24),
        Duration.ofSeconds(30));
    ApiResponse notPayable = new ApiResponse(409, Problem.MEDIA_TYPE, "{\"code\":\"checkout_not_payable\"}");

    await(store.completeUnpaid(store.claimFor("user:" + userId, paidKey, new byte[32]), userId, notPayable));
    await(store.completeUnpaid(store.claimFor("user:" + userId, unusedKey, new byte[32]), userId, notPayable));

    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(200);
    assertThat(records(userId, paidKey)).as("a payment carries the key").isZero();
    assertThat(records(userId, unusedKey)).isEqualTo(1);
  }

  private static long records(String userId, String key) {
    return await(STACK.mysql().preparedQuery(
            "SELECT COUNT(*) AS n FROM idempotency_records WHERE scope = ? AND idem_key = ?")
        .execute(Tuple.of("user:" + userId, key))).iterator().next().getLong("n");
  }
}
