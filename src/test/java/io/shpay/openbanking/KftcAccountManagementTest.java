package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A person manages their KFTC-linked accounts: every balance at once, aliases, the bank-side profile, a re-sync from
 * account/list, unlinking one account, and revoking the whole consent (a new consent links them again).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KftcAccountManagementTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  /** Seed people (conf/sandbox/kftc-seed.json): 김민지 with 3 accounts, 이서준 with 2, 박하은 with 3. */
  private static final String MINJI = "1100000001";
  private static final String SEOJUN = "1100000002";
  private static final String HAEUN = "1100000003";

  @AfterEach
  void disarm() {
    STACK.sandbox().faults().clear();
  }

  @Test
  void everyBalanceIsAnsweredAtOnceWithTheTotalAndABankThatFailsIsNamedNotFatal() {
    JsonObject user = await(STACK.linkedUser(MINJI));
    String token = user.getString("accessToken");
    STACK.sandbox().faults().failNext("/v2.0/account/balance/fin_num", 1, "A0002", "420");

    JsonObject first = balances(token);

    JsonArray items = first.getJsonArray("items");
    assertThat(items).hasSize(3);
    List<JsonObject> failed = items.stream().map(JsonObject.class::cast).filter(i -> i.containsKey("error")).toList();
    assertThat(failed).as("one bank refused; the others are answered").hasSize(1);
    assertThat(failed.get(0).getJsonObject("error").getString("code")).isEqualTo("bank_rejected");
    assertThat(first.getBoolean("complete")).isFalse();

    JsonObject second = balances(token);
    assertThat(second.getBoolean("complete")).isTrue();
    long total = 0;
    for (Object raw : second.getJsonArray("items")) {
      JsonObject item = (JsonObject) raw;
      String fintech = await(STACK.fintechUseNum(item.getString("accountId")));
      assertThat(item.getLong("balance")).isEqualTo(STACK.sandbox().bank().balance(fintech));
      assertThat(item.getBoolean("stale")).isFalse();
      assertThat(item.getString("asOf")).isNotBlank();
      assertThat(item.getString("bankName")).isNotBlank();
      total += item.getLong("balance");
    }
    assertThat(second.getLong("total")).isEqualTo(total);
    JsonObject cachedAnswer = second.getJsonArray("items").getJsonObject(0);
    JsonObject third = balances(token).getJsonArray("items").getJsonObject(0);
    assertThat(third.getString("asOf")).as("answered from the cache").isEqualTo(cachedAnswer.getString("asOf"));
  }

  @Test
  void anAliasNamesAnAccountAndNullBringsBackTheBanksOwn() {
    JsonObject user = await(STACK.linkedUser(MINJI));
    String token = user.getString("accessToken");
    JsonObject account = user.getJsonArray("accounts").getJsonObject(0);

    HttpResponse<Buffer> named = alias(token, account.getString("id"), new JsonObject().put("alias", "여행 적금"));
    assertThat(named.statusCode()).as(named.bodyAsString()).isEqualTo(200);
    assertThat(named.bodyAsJsonObject().getString("alias")).isEqualTo("여행 적금");
    assertThat(accounts(token).stream().map(JsonObject.class::cast).filter(a -> a.getString("id")
        .equals(account.getString("id"))).findFirst().orElseThrow().getString("alias")).isEqualTo("여행 적금");

    HttpResponse<Buffer> back = alias(token, account.getString("id"), new JsonObject().putNull("alias"));
    assertThat(back.bodyAsJsonObject().getString("alias")).isEqualTo(account.getString("alias"));

    HttpResponse<Buffer> tooLong = alias(token, account.getString("id"), new JsonObject().put("alias", "x".repeat(21)));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("alias");
  }

  @Test
  void theBankSideProfileIsShownAndSaysWhetherItIsTheSignedUpPerson() {
    String stranger = await(STACK.linkedUser(MINJI)).getString("accessToken"); // signed up as "Kim Minji"
    String minji = await(STACK.api().newSession("김민지")).getString("accessToken");
    assertThat(await(STACK.completeConsent(await(STACK.consent(minji, MINJI)))).getHeader("Location"))
        .contains("result=linked");

    JsonObject profile = await(STACK.api().get("/api/v1/openbanking/profile", minji)).bodyAsJsonObject();
    assertThat(profile.getString("userSeqNo")).isEqualTo(MINJI);
    assertThat(profile.getString("name")).isEqualTo("김민지");
    assertThat(profile.getInteger("accountCount")).isEqualTo(3);
    assertThat(profile.getBoolean("nameMatches")).isTrue();
    assertThat(await(STACK.api().get("/api/v1/openbanking/profile", stranger)).bodyAsJsonObject()
        .getBoolean("nameMatches")).isFalse();
  }

  @Test
  void aReSyncAddsNewAccountsAndMarksTheOnesTheBankClosed() {
    JsonObject user = await(STACK.linkedUser(HAEUN));
    String token = user.getString("accessToken");
    String closedId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    WebClient bank = WebClient.create(STACK.vertx());
    HttpResponse<Buffer> opened = await(bank.postAbs(STACK.sandbox().baseUrl() + "/sandbox/people/" + HAEUN + "/accounts")
        .sendJsonObject(new JsonObject().put("bankCode", "088").put("bankName", "신한은행")
            .put("accountNum", "110-555-000111").put("accountAlias", "새 월급 통장").put("balance", 12_345)));
    assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);
    await(bank.postAbs(STACK.sandbox().baseUrl() + "/sandbox/accounts/" + await(STACK.fintechUseNum(closedId)) + "/close")
        .send());
    HttpResponse<Buffer> someoneElses = await(bank.postAbs(STACK.sandbox().baseUrl() + "/sandbox/people/" + HAEUN
        + "/accounts").sendJsonObject(new JsonObject().put("bankCode", "004").put("accountNum", "654321-99-000001")
            .put("accountAlias", "가족 공용").put("holderName", "박지훈")));
    assertThat(someoneElses.statusCode()).isEqualTo(201);

    HttpResponse<Buffer> synced = await(STACK.api().request(HttpMethod.POST, "/api/v1/accounts/sync")
        .bearerTokenAuthentication(token).send());

    assertThat(synced.statusCode()).as(synced.bodyAsString()).isEqualTo(200);
    assertThat(synced.bodyAsJsonObject().getInteger("added")).isEqualTo(1);
    assertThat(synced.bodyAsJsonObject().getInteger("closed")).isEqualTo(1);
    assertThat(synced.bodyAsJsonObject().getInteger("notHeld")).as("an account user/me's person does not hold")
        .isEqualTo(1);
    JsonArray now = accounts(token);
    assertThat(now).hasSize(3);
    assertThat(now.stream().map(JsonObject.class::cast).map(a -> a.getString("id"))).doesNotContain(closedId);
    assertThat(now.stream().map(JsonObject.class::cast).map(a -> a.getString("alias"))).contains("새 월급 통장")
        .doesNotContain("가족 공용");
    assertThat(await(STACK.api().get("/api/v1/accounts/" + closedId + "/balance", token)).statusCode()).isEqualTo(404);
    assertThat(status(closedId)).isEqualTo("CLOSED");
    bank.close();
  }

  @Test
  void anUnlinkedAccountLeavesTheListAtTheBankTooAndItsTransfersStayReadable() {
    JsonObject user = await(STACK.linkedUser(SEOJUN));
    String token = user.getString("accessToken");
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    HttpResponse<Buffer> withdrawal = await(STACK.transfer(token, "withdraw", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", accountId).put("amount", 1_000)));
    assertThat(withdrawal.statusCode()).isEqualTo(201);

    HttpResponse<Buffer> unlinked = await(STACK.api().request(HttpMethod.DELETE, "/api/v1/accounts/" + accountId)
        .bearerTokenAuthentication(token).send());

    assertThat(unlinked.statusCode()).as(unlinked.bodyAsString()).isEqualTo(204);
    assertThat(accounts(token).stream().map(JsonObject.class::cast).map(a -> a.getString("id"))).doesNotContain(accountId);
    assertThat(accounts(token).stream().map(JsonObject.class::cast).filter(a -> a.getBoolean("main")).count())
        .as("another account is main now").isEqualTo(1);
    HttpResponse<Buffer> again = await(STACK.transfer(token, "withdraw", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", accountId).put("amount", 1_000)));
    assertThat(again.statusCode()).isEqualTo(404);
    HttpResponse<Buffer> sync = await(STACK.api().request(HttpMethod.POST, "/api/v1/accounts/sync")
        .bearerTokenAuthentication(token).send());
    assertThat(sync.bodyAsJsonObject().getInteger("added")).as("KFTC no longer lists it").isZero();
    HttpResponse<Buffer> transfer = await(STACK.api().get("/api/v1/transfers/"
        + withdrawal.bodyAsJsonObject().getString("id"), token));
    assertThat(transfer.statusCode()).isEqualTo(200);
    assertThat(status(accountId)).isEqualTo("UNLINKED");

    String attacker = await(STACK.linkedUser(MINJI)).getString("accessToken");
    String victims = user.getJsonArray("accounts").getJsonObject(1).getString("id");
    HttpResponse<Buffer> foreign = await(STACK.api().request(HttpMethod.DELETE, "/api/v1/accounts/" + victims)
        .bearerTokenAuthentication(attacker).send());
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(accounts(token)).hasSize(1);
  }

  @Test
  void revokingTheConsentDestroysTheTokensUnlinksEverythingAndANewConsentLinksThemAgain() {
    JsonObject user = await(STACK.linkedUser(MINJI));
    String token = user.getString("accessToken");
    List<String> before = ids(user.getJsonArray("accounts"));
    String userId = await(STACK.api().get("/api/v1/users/me", token)).bodyAsJsonObject().getString("id");

    io.vertx.sqlclient.Row link = await(STACK.mysql().preparedQuery(
        "SELECT access_token_sealed, refresh_token_sealed FROM bank_links WHERE user_id = ?").execute(Tuple.of(userId)))
        .iterator().next();
    String kftcAccess = openSealed(link.getBuffer("access_token_sealed").getBytes(), userId);
    String kftcRefresh = openSealed(link.getBuffer("refresh_token_sealed").getBytes(), userId);

    HttpResponse<Buffer> revoked = await(STACK.api().request(HttpMethod.DELETE, "/api/v1/openbanking/consent")
        .bearerTokenAuthentication(token).send());

    assertThat(revoked.statusCode()).as(revoked.bodyAsString()).isEqualTo(200);
    assertThat(revoked.bodyAsJsonObject().getInteger("unlinked")).isEqualTo(3);
    assertThat(accounts(token)).isEmpty();
    assertThat(await(STACK.mysql().preparedQuery("SELECT COUNT(*) AS n FROM bank_links WHERE user_id = ?")
        .execute(Tuple.of(userId))).iterator().next().getLong("n")).as("the sealed tokens are gone").isZero();
    WebClient bank = WebClient.create(STACK.vertx());
    JsonObject oldAccess = await(bank.getAbs(STACK.sandbox().baseUrl() + "/v2.0/user/me?user_seq_no=" + MINJI)
        .bearerTokenAuthentication(kftcAccess).send()).bodyAsJsonObject();
    assertThat(oldAccess.getString("rsp_code")).as("KFTC no longer honours SH Pay's access token").isEqualTo("O0002");
    JsonObject oldRefresh = await(bank.postAbs(STACK.sandbox().baseUrl() + "/oauth/2.0/token")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token")
            .add("refresh_token", kftcRefresh).add("client_id", STACK.kftcOptions().clientId())
            .add("client_secret", STACK.kftcOptions().clientSecret())))
        .bodyAsJsonObject();
    assertThat(oldRefresh.getString("access_token")).as("nor its refresh token: " + oldRefresh).isNull();
    assertThat(oldRefresh.getString("rsp_message")).contains("refresh_token is unknown");
    bank.close();
    HttpResponse<Buffer> profile = await(STACK.api().get("/api/v1/openbanking/profile", token));
    assertThat(profile.statusCode()).isEqualTo(403);
    assertThat(profile.bodyAsJsonObject().getString("code")).isEqualTo("consent_required");
    assertThat(await(STACK.api().get("/api/v1/accounts/" + before.get(0) + "/balance", token)).statusCode())
        .isEqualTo(404);

    assertThat(await(STACK.completeConsent(await(STACK.consent(token, MINJI)))).getHeader("Location"))
        .contains("result=linked&accounts=3");
    assertThat(ids(accounts(token))).as("the same accounts, linked again").containsExactlyInAnyOrderElementsOf(before);
    assertThat(await(STACK.api().get("/api/v1/accounts/" + before.get(0) + "/balance", token)).statusCode())
        .isEqualTo(200);
  }

  /** A token as SH Pay sealed it (AES-256-GCM, the user id as associated data), opened with the stack's key. */
  private static String openSealed(byte[] sealed, String userId) {
    try {
      javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(STACK.tokenEncryptionKey(), "AES"),
          new javax.crypto.spec.GCMParameterSpec(128, java.util.Arrays.copyOfRange(sealed, 0, 12)));
      cipher.updateAAD(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new String(cipher.doFinal(java.util.Arrays.copyOfRange(sealed, 12, sealed.length)),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonObject balances(String token) {
    HttpResponse<Buffer> response = await(STACK.api().get("/api/v1/accounts/balances", token));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static JsonArray accounts(String token) {
    return await(STACK.api().get("/api/v1/accounts", token)).bodyAsJsonObject().getJsonArray("items");
  }

  private static HttpResponse<Buffer> alias(String token, String accountId, JsonObject body) {
    return await(STACK.api().request(HttpMethod.PUT, "/api/v1/accounts/" + accountId + "/alias")
        .bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private static List<String> ids(JsonArray accounts) {
    return accounts.stream().map(JsonObject.class::cast).map(a -> a.getString("id")).toList();
  }

  private static String status(String accountId) {
    return await(STACK.mysql().preparedQuery("SELECT status FROM linked_accounts WHERE id = ?")
        .execute(Tuple.of(accountId))).iterator().next().getString("status");
  }
}
