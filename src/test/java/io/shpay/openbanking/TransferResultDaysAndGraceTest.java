package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.time.BankTime;
import io.shpay.payment.PaymentService;
import io.shpay.testing.BankingStack;
import io.shpay.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * "No such transfer" from transfer/result right after a timeout is not final: the bank may still
 * be booking it, and a transfer sent just before 00:00 KST may be booked on the next bank day.
 * SH Pay and the KFTC sandbox run on test clocks a few seconds apart, as real clocks are.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransferResultDaysAndGraceTest {

  private static final String WITHDRAW = "/v2.0/transfer/withdraw/fin_num";
  private static final MutableClock BANK_CLOCK = MutableClock.startingNow();

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject(), options -> options.withClock(BANK_CLOCK));

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  @Test
  void aWithdrawalBookedAfterMidnightKstIsFoundOnItsBankDayAndApprovedNotFailed() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    KftcUser user = kftcUser(0);
    long before = STACK.sandbox().bank().balance(user.fintechUseNum());
    String checkoutId = await(STACK.checkout(merchant, 2_500));
    // SH Pay issues the bank_tran_id at 23:59:59 KST; the bank, two seconds ahead, books it after 00:00.
    Instant midnight = LocalDate.now(BankTime.SEOUL).plusDays(1).atStartOfDay(BankTime.SEOUL).toInstant();
    STACK.clock().set(midnight.minusSeconds(1));
    BANK_CLOCK.set(midnight.plusSeconds(1));
    STACK.sandbox().faults().dropNext(WITHDRAW, 1);

    HttpResponse<Buffer> paid = await(STACK.pay(user.token(), checkoutId, user.accountId(), UUID.randomUUID().toString()));

    JsonObject payment = paid.bodyAsJsonObject();
    assertThat(payment.getString("status")).as("not booked on SH Pay's day yet: " + paid.bodyAsString())
        .isEqualTo("UNKNOWN");
    assertThat(STACK.sandbox().bank().balance(user.fintechUseNum())).isEqualTo(before - 2_500);

    STACK.clock().advance(Duration.ofMinutes(2));
    BANK_CLOCK.advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());

    JsonObject settled = await(merchantGet(merchant, "/api/v1/payments/" + payment.getString("id"))).bodyAsJsonObject();
    assertThat(settled.getString("status")).as(settled.encode()).isEqualTo("APPROVED");
    assertThat(STACK.sandbox().bank().balance(user.fintechUseNum())).isEqualTo(before - 2_500);
  }

  @Test
  void noSuchTransferRightAfterAnUnknownAnswerStaysUnknownUntilTheGracePeriodEnds() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    KftcUser user = kftcUser(1);
    long before = STACK.sandbox().bank().balance(user.fintechUseNum());
    String checkoutId = await(STACK.checkout(merchant, 1_200));
    // The bank answers "result unknown" (999) and, as it turns out, never books the transfer.
    STACK.sandbox().faults().failNext(WITHDRAW, 1, "A0002", "999");

    HttpResponse<Buffer> paid = await(STACK.pay(user.token(), checkoutId, user.accountId(), UUID.randomUUID().toString()));
    String paymentId = paid.bodyAsJsonObject().getString("id");

    assertThat(paid.bodyAsJsonObject().getString("status")).as(paid.bodyAsString()).isEqualTo("UNKNOWN");
    assertThat(checkoutStatus(user, checkoutId)).isEqualTo("PROCESSING");

    STACK.clock().advance(Duration.ofMinutes(2));
    BANK_CLOCK.advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    assertThat(paymentStatus(merchant, paymentId)).as("2 minutes: within the 10-minute grace").isEqualTo("UNKNOWN");

    STACK.clock().advance(Duration.ofMinutes(15));
    BANK_CLOCK.advance(Duration.ofMinutes(15));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());
    assertThat(paymentStatus(merchant, paymentId)).as("past the grace, the bank's word is final").isEqualTo("FAILED");
    assertThat(checkoutStatus(user, checkoutId)).isEqualTo("OPEN");
    assertThat(STACK.sandbox().bank().balance(user.fintechUseNum())).isEqualTo(before);
  }

  private record KftcUser(String token, String accountId, String fintechUseNum) {}

  private static KftcUser kftcUser(int person) throws Exception {
    JsonObject linked = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(person)));
    String accountId = linked.getJsonArray("accounts").getJsonObject(0).getString("id");
    return new KftcUser(linked.getString("accessToken"), accountId, await(STACK.fintechUseNum(accountId)));
  }

  private static String paymentStatus(JsonObject merchant, String paymentId) throws Exception {
    return await(merchantGet(merchant, "/api/v1/payments/" + paymentId)).bodyAsJsonObject().getString("status");
  }

  private static String checkoutStatus(KftcUser user, String checkoutId) throws Exception {
    return await(STACK.api().get("/api/v1/checkouts/" + checkoutId, user.token())).bodyAsJsonObject().getString("status");
  }

  private static Future<HttpResponse<Buffer>> merchantGet(JsonObject merchant, String path) {
    return STACK.api().request(HttpMethod.GET, path).putHeader("X-Api-Key", merchant.getString("apiKey")).send();
  }

}
