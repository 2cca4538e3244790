package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;

/**
 * A FinAccount is the user's own before it can be charged: NH names them as the holder, and they
 * typed back the code of SH Pay's 1-won deposit, within its time and its tries.
 */
class FinAccountOwnershipTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void anUnverifiedFinAccountCannotBeChargedAndAVerifiedOneCan() throws Exception {
    Account account = STACK.richestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    String token = await(STACK.api().newSession(account.holderName())).getString("accessToken");
    String finAccountId = await(STACK.registerFinAccount(token, account));
    long afterDeposit = STACK.nhBalance(account);

    HttpResponse<Buffer> refused = await(STACK.pay(token, await(STACK.checkout(merchant, 5_000)), finAccountId,
        UUID.randomUUID().toString()));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("fin_account_unverified");
    assertThat(STACK.nhBalance(account)).as("nothing was drawn").isEqualTo(afterDeposit);

    JsonObject verified = await(STACK.confirmFinAccount(token, finAccountId, account));
    assertThat(verified.getString("status")).isEqualTo("VERIFIED");
    HttpResponse<Buffer> paid = await(STACK.pay(token, await(STACK.checkout(merchant, 5_000)), finAccountId,
        UUID.randomUUID().toString()));
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(STACK.nhBalance(account)).isEqualTo(afterDeposit - 5_000);
  }

  @Test
  void anAccountWhoseHolderIsSomeoneElseIsRefusedWithoutSayingWhoHoldsIt() throws Exception {
    Account account = STACK.nhPersonalAccounts().get(0);
    long before = STACK.nhBalance(account);
    String token = await(STACK.api().newSession("Someone Else")).getString("accessToken");

    HttpResponse<Buffer> refused = await(register(token, account));

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("holder_name_mismatch");
    assertThat(refused.bodyAsString()).doesNotContain(account.holderName());
    assertThat(await(STACK.api().get("/api/v1/fin-accounts", token)).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(STACK.nhBalance(account)).as("no verification deposit").isEqualTo(before);
  }

  @Test
  void wrongCodesAreLimitedToFiveAndThenEvenTheRightCodeIsRefused() throws Exception {
    Account account = STACK.nhPersonalAccounts().get(1);
    String token = await(STACK.api().newSession(account.holderName())).getString("accessToken");
    String finAccountId = await(STACK.registerFinAccount(token, account));
    String code = await(STACK.finAccountProof().latestCode(account.bankCode(), account.accountNumber()));
    String wrong = String.format("%04d", (Integer.parseInt(code) + 1) % 10_000);

    for (int attempt = 1; attempt < FinAccountVerification.MAX_WRONG_CODES; attempt++) {
      HttpResponse<Buffer> answer = await(verify(token, finAccountId, wrong));
      assertThat(answer.statusCode()).isEqualTo(422);
      assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo("verification_code_wrong");
    }
    HttpResponse<Buffer> last = await(verify(token, finAccountId, wrong));
    HttpResponse<Buffer> right = await(verify(token, finAccountId, code));

    assertThat(last.bodyAsJsonObject().getString("code")).isEqualTo("verification_locked");
    assertThat(right.statusCode()).isEqualTo(422);
    assertThat(right.bodyAsJsonObject().getString("code")).isEqualTo("verification_locked");
    assertThat(status(token, finAccountId)).isEqualTo("PENDING_VERIFICATION");
  }

  @Test
  void anExpiredCodeIsRefused() throws Exception {
    Account account = STACK.nhPersonalAccounts().get(2);
    String token = await(STACK.api().newSession(account.holderName())).getString("accessToken");
    String finAccountId = await(STACK.registerFinAccount(token, account));
    String code = await(STACK.finAccountProof().latestCode(account.bankCode(), account.accountNumber()));

    STACK.clock().advance(FinAccountVerification.CODE_TTL.plus(Duration.ofSeconds(1)));
    HttpResponse<Buffer> late = await(verify(token, finAccountId, code));

    assertThat(late.statusCode()).isEqualTo(422);
    assertThat(late.bodyAsJsonObject().getString("code")).isEqualTo("verification_code_expired");
    assertThat(status(token, finAccountId)).isEqualTo("PENDING_VERIFICATION");
  }

  @Test
  void theCodeIsStoredOnlyAsADigestAndTheWonIsOnSHPaysRecord() throws Exception {
    Account account = STACK.nhPersonalAccounts().get(3);
    Account settlement = STACK.nh().bank().accounts().stream().filter(a -> a.birthDate().length() == 10)
        .findFirst().orElseThrow();
    long settlementBefore = STACK.nhBalance(settlement);
    String token = await(STACK.api().newSession(account.holderName())).getString("accessToken");
    String finAccountId = await(STACK.registerFinAccount(token, account));
    String code = await(STACK.finAccountProof().latestCode(account.bankCode(), account.accountNumber()));

    Row stored = await(STACK.mysql().preparedQuery("SELECT * FROM fin_accounts WHERE id = ?").execute(Tuple.of(finAccountId)))
        .iterator().next();
    Row deposit = await(STACK.mysql().preparedQuery("SELECT * FROM fin_account_deposits WHERE fin_account_id = ?")
        .execute(Tuple.of(finAccountId))).iterator().next();

    assertThat(stored.getBuffer("code_digest").length()).isEqualTo(32);
    assertThat(stored.getBuffer("code_digest").toString()).doesNotContain(code);
    assertThat(stored.toJson().encode()).doesNotContain("\"" + code + "\"");
    assertThat(deposit.getLong("amount")).isEqualTo(1L);
    assertThat(deposit.getString("status")).isEqualTo("APPROVED");
    assertThat(deposit.getString("is_tuno")).hasSize(20);
    assertThat(STACK.nhBalance(settlement)).as("the won left SH Pay's settlement account").isEqualTo(settlementBefore - 1);
  }

  @Test
  void aCodeThatIsNotFourDigitsNamesTheField() throws Exception {
    String token = await(STACK.api().newSession()).getString("accessToken");
    HttpResponse<Buffer> answer = await(verify(token, UUID.randomUUID().toString(), "12a4"));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
  }

  private static Future<HttpResponse<Buffer>> register(String token, Account account) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/fin-accounts").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("bankCode", account.bankCode()).put("accountNumber", account.accountNumber())
            .put("birthDate", account.birthDate()));
  }

  private static Future<HttpResponse<Buffer>> verify(String token, String finAccountId, String code) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/fin-accounts/" + finAccountId + "/verify")
        .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("code", code));
  }

  private static String status(String token, String finAccountId) throws Exception {
    return await(STACK.api().get("/api/v1/fin-accounts", token)).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(item -> item.getString("id").equals(finAccountId)).findFirst()
        .orElseThrow().getString("status");
  }

}
