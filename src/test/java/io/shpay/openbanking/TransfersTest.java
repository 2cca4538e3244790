package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Withdrawals against the sandbox bank, with idempotency and unknown outcomes; no user route deposits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransfersTest {

  private static final String WITHDRAW_PATH = "/v2.0/transfer/withdraw/fin_num";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  /** A linked user and one of their accounts: {@code {token, accountId, fintechUseNum}}. */
  private static JsonObject account(int person) {
    String seqNo = STACK.sandbox().bank().personIds().get(person);
    JsonObject user = await(STACK.linkedUser(seqNo));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    return new JsonObject()
        .put("token", user.getString("accessToken"))
        .put("accountId", accountId)
        .put("fintechUseNum", await(STACK.fintechUseNum(accountId)));
  }

  private static Future<HttpResponse<Buffer>> withdraw(JsonObject account, String key, long amount) {
    return STACK.transfer(account.getString("token"), "withdraw", key,
        new JsonObject().put("accountId", account.getString("accountId")).put("amount", amount));
  }

  private static long balance(JsonObject account) {
    return STACK.sandbox().bank().balance(account.getString("fintechUseNum"));
  }

  @Test
  void theReadmesUnknownTransferRecipeAnswers202AndSettlesLaterAsApproved() throws Exception {
    JsonObject account = account(0);
    long before = balance(account);
    // The README's fault: the withdrawal's answer and the immediate transfer/result lookup are both lost.
    HttpResponse<Buffer> armed = await(io.vertx.ext.web.client.WebClient.create(STACK.vertx())
        .postAbs(STACK.sandbox().baseUrl() + "/sandbox/faults").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"dropNext\":[{\"operation\":\"/v2.0/transfer/withdraw/fin_num\"},"
            + "{\"operation\":\"/v2.0/transfer/result\"}]}")));
    assertThat(armed.statusCode()).isEqualTo(200);

    HttpResponse<Buffer> unknown = await(withdraw(account, UUID.randomUUID().toString(), 2_500));
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(unknown.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
    assertThat(balance(account)).as("the money moved; only the answer was lost").isEqualTo(before - 2_500);

    // The settler asks again once the transfer is due (the first gap after a lost answer is 30 s). The
    // test JVM's database may hold other classes' stuck transfers that are due earlier; each round
    // pushes those back, so a few rounds reach this one.
    STACK.clock().advance(Duration.ofMinutes(1));
    String status = "UNKNOWN";
    for (int round = 0; round < 5 && !"APPROVED".equals(status); round++) {
      await(OpenBankingService.proxy(STACK.app().app().vertx()).settleUnknownTransfers());
      status = await(STACK.api().get("/api/v1/transfers/" + unknown.bodyAsJsonObject().getString("id"),
          account.getString("token"))).bodyAsJsonObject().getString("status");
    }
    assertThat(status).isEqualTo("APPROVED");
    assertThat(balance(account)).isEqualTo(before - 2_500);
  }

  @Test
  void aWithdrawalMovesTheMoneyOnceAndIsRecordedWithItsBankIds() {
    JsonObject account = account(0);
    long before = balance(account);
    HttpResponse<Buffer> response = await(withdraw(account, UUID.randomUUID().toString(), 12_345));
    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject transfer = response.bodyAsJsonObject();
    assertThat(transfer.getString("status")).isEqualTo("APPROVED");
    assertThat(transfer.getLong("amount")).isEqualTo(12_345L);
    assertThat(transfer.getString("bankTranId")).matches("M202600001U[A-Z0-9]{9}");
    assertThat(transfer.getString("bankTranDate")).matches("\\d{8}");
    assertThat(balance(account)).isEqualTo(before - 12_345);
  }

  @Test
  void aRetryWithTheSameKeyReplaysTheAnswerWithoutAnotherWithdrawal() {
    String key = UUID.randomUUID().toString();
    JsonObject account = account(1);
    long before = balance(account);
    int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
    HttpResponse<Buffer> first = await(withdraw(account, key, 1_000));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");

    HttpResponse<Buffer> second = await(withdraw(account, key, 1_000));
    assertThat(second.statusCode()).isEqualTo(first.statusCode());
    assertThat(second.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(second.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(balance(account)).as("withdrawn once").isEqualTo(before - 1_000);
    assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals + 1);
  }

  @Test
  void theSameKeyWithADifferentBodyIsRefused() {
    String key = UUID.randomUUID().toString();
    JsonObject account = account(1);
    long before = balance(account);
    int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
    HttpResponse<Buffer> first = await(withdraw(account, key, 1_000));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    HttpResponse<Buffer> second = await(withdraw(account, key, 2_000));
    assertThat(second.statusCode()).isEqualTo(422);
    assertThat(second.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
    assertThat(balance(account)).as("only the first withdrawal moved money").isEqualTo(before - 1_000);
    assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals + 1);
  }

  @Test
  void concurrentRequestsWithOneKeyWithdrawOnce() {
    String key = UUID.randomUUID().toString();
    JsonObject account = account(2);
    long before = balance(account);
    int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
    List<Future<HttpResponse<Buffer>>> racing = java.util.stream.IntStream.range(0, 5)
        .mapToObj(i -> withdraw(account, key, 700)).toList();
    await(Future.join(racing));
    // However the five interleave, one of them withdraws; each other one is a replay of its answer or a 409
    // while it is still in flight (how many of each depends on timing, which the test does not control).
    List<HttpResponse<Buffer>> answers = racing.stream().map(Future::result).toList();
    assertThat(answers).extracting(HttpResponse::statusCode).allMatch(status -> status == 201 || status == 409);
    assertThat(answers).filteredOn(answer -> answer.statusCode() == 201 && answer.getHeader("Idempotent-Replayed") == null)
        .as("answers that withdrew rather than replayed").hasSize(1);
    assertThat(balance(account)).isEqualTo(before - 700);
    assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals + 1);
  }

  @Test
  void insufficientFundsIsA422AndMovesNothing() {
    JsonObject account = account(0);
    long before = balance(account);
    assertThat(before + 1).as("precondition: one won more than the balance is within the 10,000,000 won limit")
        .isLessThanOrEqualTo(10_000_000L);
    int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
    HttpResponse<Buffer> response = await(withdraw(account, UUID.randomUUID().toString(), before + 1));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("insufficient_funds");
    assertThat(balance(account)).isEqualTo(before);
    assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals);
  }

  @Test
  void aDroppedAnswerIsSettledThroughTransferResultWithoutASecondWithdrawal() {
    JsonObject account = account(2);
    long before = balance(account);
    int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
    STACK.sandbox().faults().dropNext(WITHDRAW_PATH, 1);
    HttpResponse<Buffer> response = await(withdraw(account, UUID.randomUUID().toString(), 4_321));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(balance(account)).isEqualTo(before - 4_321);
    assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals + 1);
  }

  @Test
  void aSlowBankTimesOutAndTheUnknownTransferIsSettledLaterWithoutResending() {
    JsonObject account = account(1);
    long before = balance(account);
    int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
    // Slower than SH Pay's 2 s client timeout, for the withdrawal and the immediate transfer/result alike.
    // A first withdrawal warms SH Pay's own KFTC token, so only the transfer calls are slow.
    await(withdraw(account, UUID.randomUUID().toString(), 1));
    STACK.sandbox().faults().latency(Duration.ofMillis(2_500));
    HttpResponse<Buffer> response = await(withdraw(account, UUID.randomUUID().toString(), 3_000));
    STACK.sandbox().faults().clear();
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");

    String id = response.bodyAsJsonObject().getString("id");
    // The transfer's next look-up is due a little after the one that timed out.
    STACK.clock().advance(Duration.ofMinutes(1));
    await(OpenBankingService.proxy(STACK.app().app().vertx()).settleUnknownTransfers());
    HttpResponse<Buffer> settled = await(STACK.api().get("/api/v1/transfers/" + id, account.getString("token")));
    assertThat(settled.statusCode()).isEqualTo(200);
    assertThat(settled.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(balance(account)).isEqualTo(before - 1 - 3_000);
    assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals + 2);
  }

  @Test
  void aBankRefusalIsAProblemWithTheBanksCode() {
    JsonObject account = account(0);
    STACK.sandbox().faults().failNext(WITHDRAW_PATH, 1, "A0002", "420");
    HttpResponse<Buffer> response = await(withdraw(account, UUID.randomUUID().toString(), 1_000));
    assertThat(response.statusCode()).isEqualTo(422);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("code")).isEqualTo("bank_rejected");
    assertThat(problem.getString("detail")).contains("420");
  }

  @Test
  void thereIsNoStandaloneDepositFromShPaysAccount() {
    JsonObject account = account(0);
    long before = balance(account);
    int deposits = STACK.sandbox().bank().depositCount(account.getString("fintechUseNum"));
    HttpResponse<Buffer> response = await(STACK.transfer(account.getString("token"), "deposit", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", account.getString("accountId")).put("amount", 50_000)));
    assertThat(response.statusCode()).isIn(404, 405);
    assertThat(balance(account)).isEqualTo(before);
    assertThat(STACK.sandbox().bank().depositCount(account.getString("fintechUseNum"))).isEqualTo(deposits);
  }

  @Test
  void amountsMustBeWholePositiveWonUnderTheLimit() {
    JsonObject account = account(0);
    List<Object> bad = List.of(100.5, 100.0, "1000", 0, -5, 10_000_001L);
    for (Object amount : bad) {
      HttpResponse<Buffer> response = await(STACK.transfer(account.getString("token"), "withdraw",
          UUID.randomUUID().toString(), new JsonObject().put("accountId", account.getString("accountId")).put("amount", amount)));
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("amount");
    }
  }

  @Test
  void aTransferWithoutIdempotencyKeyIsRefusedNamingTheHeader() {
    JsonObject account = account(0);
    HttpResponse<Buffer> response = await(withdraw(account, null, 1_000));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("Idempotency-Key");
  }

  @Test
  void nobodyWithdrawsFromAnotherUsersAccount() {
    JsonObject owner = account(0);
    JsonObject stranger = account(1);
    long before = balance(owner);
    HttpResponse<Buffer> response = await(STACK.transfer(stranger.getString("token"), "withdraw", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", owner.getString("accountId")).put("amount", 1_000)));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(balance(owner)).isEqualTo(before);
  }
}
