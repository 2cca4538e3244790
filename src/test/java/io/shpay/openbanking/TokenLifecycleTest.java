package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Users' KFTC tokens: sealed at rest, renewed before they expire, and a refused renewal asks the
 * user to consent again. The sandbox issues 12-hour tokens and SH Pay renews a day ahead, so every
 * call here renews; a token the bank refuses early is {@link RevokedTokenTest}'s, with long-lived tokens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenLifecycleTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject(),
      options -> options.withAccessTokenTtl(Duration.ofHours(12)));

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  private static String person() {
    return STACK.sandbox().bank().personIds().get(0);
  }

  @Test
  void aTokenCloseToExpiryIsRenewedAndTheCallSucceeds() {
    JsonObject user = await(STACK.linkedUser(person()));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    Buffer before = await(sealedTokens(user));
    HttpResponse<Buffer> balance = await(STACK.api()
        .get("/api/v1/accounts/" + accountId + "/balance?fresh=true", user.getString("accessToken")));
    Buffer after = await(sealedTokens(user));
    assertThat(balance.statusCode()).isEqualTo(200);
    assertThat(after).as("the sealed tokens were replaced by renewed ones").isNotEqualTo(before);
  }

  /**
   * Opens both sealed columns the way the design describes them (AES-256-GCM, a 12-byte nonce in front,
   * the user id as associated data), written here without SH Pay's own sealing code, and shows that what
   * comes out is a token the bank accepts, that the raw column does not hold it, and that another
   * user's id does not open it.
   */
  @Test
  void tokensAreSealedAtRest() throws Exception {
    JsonObject user = await(STACK.linkedUser(person()));
    String userId = claim(user.getString("accessToken"), "sub");
    Row row = await(linkRow(userId));
    byte[] sealedAccess = row.getBuffer("access_token_sealed").getBytes();
    byte[] sealedRefresh = row.getBuffer("refresh_token_sealed").getBytes();

    String access = openSealed(sealedAccess, userId);
    String refresh = openSealed(sealedRefresh, userId);
    assertThat(access).isNotBlank().isNotEqualTo(refresh);
    assertThat(new String(sealedAccess, StandardCharsets.ISO_8859_1)).doesNotContain(access);
    assertThat(new String(sealedRefresh, StandardCharsets.ISO_8859_1)).doesNotContain(refresh);
    assertThatThrownBy(() -> openSealed(sealedAccess, UUID.randomUUID().toString()))
        .as("another user's id as associated data").isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> openSealed(sealedRefresh, UUID.randomUUID().toString()))
        .isInstanceOf(AEADBadTagException.class);

    WebClient bank = WebClient.create(STACK.vertx());
    try {
      JsonObject me = await(bank.getAbs(STACK.sandbox().baseUrl() + "/v2.0/user/me")
          .addQueryParam("user_seq_no", person()).bearerTokenAuthentication(access).send()).bodyAsJsonObject();
      assertThat(me.getString("rsp_code")).as("the bank accepts the opened access token: " + me).isEqualTo("A0000");
      assertThat(me.getString("user_seq_no")).isEqualTo(person());
      JsonObject renewed = await(bank.postAbs(STACK.sandbox().baseUrl() + "/oauth/2.0/token")
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token").add("refresh_token", refresh)
              .add("client_id", STACK.kftcOptions().clientId())
              .add("client_secret", STACK.kftcOptions().clientSecret()))).bodyAsJsonObject();
      assertThat(renewed.getString("access_token")).as("the bank accepts the opened refresh token: " + renewed)
          .isNotBlank();
    } finally {
      bank.close();
    }
  }

  private static String openSealed(byte[] sealed, String userId) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(STACK.tokenEncryptionKey(), "AES"),
        new GCMParameterSpec(128, Arrays.copyOfRange(sealed, 0, 12)));
    cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
    return new String(cipher.doFinal(Arrays.copyOfRange(sealed, 12, sealed.length)), StandardCharsets.UTF_8);
  }

  private static Future<Row> linkRow(String userId) {
    var pool = MySQLBuilder.pool().connectingTo(STACK.app().app().config().mysql().uri()).using(STACK.vertx()).build();
    return pool.preparedQuery("SELECT access_token_sealed, refresh_token_sealed FROM bank_links WHERE user_id = ?")
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next())
        .eventually(pool::close);
  }

  @Test
  void aRefusedRenewalAsksForConsentAgainAndANewConsentRestoresAccess() {
    JsonObject user = await(STACK.linkedUser(person()));
    String token = user.getString("accessToken");
    String balancePath = "/api/v1/accounts/" + user.getJsonArray("accounts").getJsonObject(0).getString("id")
        + "/balance?fresh=true";
    STACK.sandbox().faults().failNext("/oauth/2.0/token", 1, "O0002", null);
    HttpResponse<Buffer> refused = await(STACK.api().get(balancePath, token));
    HttpResponse<Buffer> again = await(STACK.api().get(balancePath, token));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("consent_required");
    assertThat(again.statusCode()).as("the link stays marked until a new consent").isEqualTo(403);

    String callback = await(STACK.consent(token, person()));
    await(STACK.completeConsent(callback));
    HttpResponse<Buffer> accounts = await(STACK.api().get("/api/v1/accounts", token));
    HttpResponse<Buffer> restored = await(STACK.api().get("/api/v1/accounts/"
        + accounts.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id")
        + "/balance?fresh=true", token));
    assertThat(restored.statusCode()).isEqualTo(200);
  }

  /** The sealed access token of the user's link, read straight from MySQL. */
  private static Future<Buffer> sealedTokens(JsonObject user) {
    var pool = MySQLBuilder.pool().connectingTo(STACK.app().app().config().mysql().uri()).using(STACK.vertx()).build();
    String sub = claim(user.getString("accessToken"), "sub");
    return pool.preparedQuery("SELECT access_token_sealed FROM bank_links WHERE user_id = ?").execute(Tuple.of(sub))
        .map(rows -> rows.iterator().next().getBuffer("access_token_sealed"))
        .eventually(pool::close);
  }

  private static String claim(String jwt, String name) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]))).getString(name);
  }
}
