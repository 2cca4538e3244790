package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A user's KFTC token that the bank refuses although SH Pay thought it good for months: renewed once
 * and the call made again, a repeated withdrawal moving money once, and a second refusal in a row
 * asking the user to consent again instead of trying forever. The sandbox's tokens live 90 days here,
 * far beyond SH Pay's one-day renewal margin, so no call renews ahead of time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RevokedTokenTest {

  private static final String WITHDRAW_PATH = "/v2.0/transfer/withdraw/fin_num";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject(),
      options -> options.withAccessTokenTtl(Duration.ofDays(90)));

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  private static String person(int index) {
    return STACK.sandbox().bank().personIds().get(index);
  }

  @Test
  void aLongLivedTokenIsNotRenewedAheadOfTime() {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    Buffer before = await(sealedAccessToken(user));
    HttpResponse<Buffer> balance = await(STACK.api().get("/api/v1/accounts/" + accountId + "/balance?fresh=true",
        user.getString("accessToken")));
    assertThat(balance.statusCode()).isEqualTo(200);
    assertThat(await(sealedAccessToken(user))).as("the control: no renewal without a refusal").isEqualTo(before);
  }

  @Test
  void aRevokedTokenIsRenewedOnceAndTheInquiryRepeated() {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    Buffer before = await(sealedAccessToken(user));
    STACK.sandbox().expireAccessTokens();
    HttpResponse<Buffer> balance = await(STACK.api().get("/api/v1/accounts/" + accountId + "/balance?fresh=true",
        user.getString("accessToken")));
    assertThat(balance.statusCode()).as(balance.bodyAsString()).isEqualTo(200);
    assertThat(await(sealedAccessToken(user))).as("renewed after the refusal").isNotEqualTo(before);
  }

  @Test
  void aWithdrawalRefusedForItsTokenIsRepeatedOnceAndMovesTheMoneyOnce() {
    JsonObject user = await(STACK.linkedUser(person(1)));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintechUseNum = await(STACK.fintechUseNum(accountId));
    // A first withdrawal warms SH Pay's own KFTC token, so only the user's token is revoked below.
    await(withdraw(user, accountId, 1));
    long before = STACK.sandbox().bank().balance(fintechUseNum);
    int withdrawals = STACK.sandbox().bank().withdrawCount(fintechUseNum);
    STACK.sandbox().faults().failNext(WITHDRAW_PATH, 1, "O0002", null);

    HttpResponse<Buffer> response = await(withdraw(user, accountId, 2_500));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(STACK.sandbox().bank().balance(fintechUseNum)).as("withdrawn once").isEqualTo(before - 2_500);
    assertThat(STACK.sandbox().bank().withdrawCount(fintechUseNum)).isEqualTo(withdrawals + 1);
  }

  @Test
  void aSecondRefusalInARowAsksForConsentAndMovesNothing() {
    JsonObject user = await(STACK.linkedUser(person(2)));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintechUseNum = await(STACK.fintechUseNum(accountId));
    await(withdraw(user, accountId, 1));
    long before = STACK.sandbox().bank().balance(fintechUseNum);
    int withdrawals = STACK.sandbox().bank().withdrawCount(fintechUseNum);
    // Refused twice; a third try would go through, so a loop would show as a 201.
    STACK.sandbox().faults().failNext(WITHDRAW_PATH, 2, "O0002", null);

    HttpResponse<Buffer> response = await(withdraw(user, accountId, 2_500));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("consent_required");
    assertThat(STACK.sandbox().bank().balance(fintechUseNum)).isEqualTo(before);
    assertThat(STACK.sandbox().bank().withdrawCount(fintechUseNum)).isEqualTo(withdrawals);
  }

  private static io.vertx.core.Future<HttpResponse<Buffer>> withdraw(JsonObject user, String accountId, long amount) {
    return STACK.transfer(user.getString("accessToken"), "withdraw", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", accountId).put("amount", amount));
  }

  private static io.vertx.core.Future<Buffer> sealedAccessToken(JsonObject user) {
    var pool = MySQLBuilder.pool().connectingTo(STACK.app().app().config().mysql().uri()).using(STACK.vertx()).build();
    String sub = new JsonObject(new String(java.util.Base64.getUrlDecoder()
        .decode(user.getString("accessToken").split("\\.")[1]))).getString("sub");
    return pool.preparedQuery("SELECT access_token_sealed FROM bank_links WHERE user_id = ?").execute(Tuple.of(sub))
        .map(rows -> rows.iterator().next().getBuffer("access_token_sealed"))
        .eventually(pool::close);
  }
}
