package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
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
import java.util.concurrent.TimeUnit;

/**
 * Users' KFTC tokens: sealed at rest, renewed before they expire, and a refused renewal asks the
 * user to consent again. The sandbox issues 12-hour tokens and SH Pay renews a day ahead, so every
 * call here renews.
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

  @Test
  void tokensAreSealedAtRest() {
    Buffer sealed = await(sealedTokens(await(STACK.linkedUser(person()))));
    // AES-GCM output: a 12-byte nonce, the ciphertext and a 16-byte tag; nothing readable.
    assertThat(sealed.length()).isGreaterThan(28);
    assertThat(sealed.toString()).doesNotContain("Bearer").doesNotContain("access");
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

  @Test
  void aTokenTheBankRevokedEarlyIsRenewedOnceAndTheCallRepeated() {
    JsonObject user = await(STACK.linkedUser(person()));
    STACK.sandbox().expireAccessTokens();
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    HttpResponse<Buffer> response = await(STACK.api().get("/api/v1/accounts/" + accountId + "/balance?fresh=true",
        user.getString("accessToken")));
    assertThat(response.statusCode()).isEqualTo(200);
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
