package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.TestServers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

/** Linking banks through KFTC's consent, and every way a callback can be wrong. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsentTest {

  private static final String RETURN_URL = "shpay://openbanking/consent";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static String firstPerson() {
    return STACK.sandbox().bank().personIds().get(0);
  }

  @Test
  void theAuthorizeUrlAsksKftcForConsentWithAOneTimeState() {
    JsonObject session = await(STACK.api().newSession());
    HttpResponse<Buffer> response = await(STACK.api().get("/api/v1/openbanking/authorize", session.getString("accessToken")));
    assertThat(response.statusCode()).isEqualTo(200);
    String url = response.bodyAsJsonObject().getString("authorizeUrl");
    assertThat(url).startsWith(STACK.sandbox().baseUrl() + "/oauth/2.0/authorize?")
        .contains("response_type=code", "client_id=", "scope=login+inquiry+transfer", "redirect_uri=");
    assertThat(BankingStack.query("/x?" + url.split("\\?", 2)[1]).get("state")).hasSize(32);
  }

  @Test
  void consentingLinksTheAccountsOfThePersonWithOneMainAccount() {
    String person = firstPerson();
    JsonObject user = await(STACK.linkedUser(person));
    HttpResponse<Buffer> response = await(STACK.api().get("/api/v1/accounts", user.getString("accessToken")));
    assertThat(response.statusCode()).isEqualTo(200);
    var items = response.bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(STACK.sandbox().bank().fintechUseNums(person).size());
    assertThat(items.stream().map(JsonObject.class::cast).filter(a -> a.getBoolean("main"))).hasSize(1);
    JsonObject first = items.getJsonObject(0);
    assertThat(first.getString("id")).hasSize(36);
    assertThat(first.getString("bankName")).isNotBlank();
    assertThat(first.getString("accountNumMasked")).contains("*");
    assertThat(first.fieldNames()).doesNotContain("fintechUseNum");
  }

  @Test
  void theMainAccountCanBeChosen() {
    JsonObject user = await(STACK.linkedUser(firstPerson()));
    String token = user.getString("accessToken");
    JsonObject second = user.getJsonArray("accounts").getJsonObject(1);
    HttpResponse<Buffer> chosen = await(STACK.api().request(HttpMethod.POST, "/api/v1/accounts/" + second.getString("id") + "/main")
        .bearerTokenAuthentication(token).send());
    HttpResponse<Buffer> list = await(STACK.api().get("/api/v1/accounts", token));
    assertThat(chosen.statusCode()).isEqualTo(200);
    assertThat(chosen.bodyAsJsonObject().getBoolean("main")).isTrue();
    var mains = list.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(a -> a.getBoolean("main")).map(a -> a.getString("id")).toList();
    assertThat(mains).containsExactly(second.getString("id"));
  }

  @Test
  void aReplayedCallbackIsRefused() {
    String token = await(STACK.api().newSession()).getString("accessToken");
    String callback = await(STACK.consent(token, firstPerson()));

    HttpResponse<Buffer> first = await(STACK.completeConsent(callback));
    HttpResponse<Buffer> second = await(STACK.completeConsent(callback));

    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.getHeader("Location")).startsWith(RETURN_URL + "?result=linked&accounts=");
    assertThat(second.statusCode()).isEqualTo(302);
    assertThat(second.getHeader("Location")).isEqualTo(RETURN_URL + "?result=failed&reason=invalid_consent_state");
  }

  @Test
  void aForgedStateIsRefusedAndLinksNothing() {
    String token = await(STACK.api().newSession()).getString("accessToken");
    String callback = await(STACK.consent(token, firstPerson()));
    String code = BankingStack.query(callback).get("code");

    HttpResponse<Buffer> forged = await(STACK.api().get(
        "/api/v1/openbanking/callback?code=" + code + "&state=forged-state-0123456789abcdefghij", null));

    assertThat(forged.statusCode()).isEqualTo(302);
    assertThat(forged.getHeader("Location")).isEqualTo(RETURN_URL + "?result=failed&reason=invalid_consent_state");
    assertThat(accounts(token)).isEmpty();
  }

  @Test
  void theAttackersConsentLinkCompletedInAVictimsBrowserLinksNothingToAnyone() {
    String attacker = await(STACK.api().newSession()).getString("accessToken");
    String victim = await(STACK.api().newSession()).getString("accessToken");
    // The attacker asks for a consent link and sends it to the victim, who consents at KFTC as themselves.
    String callback = await(STACK.consent(attacker, firstPerson()));
    // The victim's browser has a consent cookie of its own, from a consent the victim started.
    String victimsCookie = BankingStack.consentCookie(await(STACK.api().get("/api/v1/openbanking/authorize", victim)));

    HttpResponse<Buffer> otherCookie = await(STACK.api().request(HttpMethod.GET, callback)
        .putHeader("Cookie", victimsCookie).send());
    HttpResponse<Buffer> attackersOwnBrowserAfterwards = await(STACK.completeConsent(callback));

    assertThat(otherCookie.statusCode()).isEqualTo(302);
    assertThat(otherCookie.getHeader("Location")).isEqualTo(RETURN_URL + "?result=failed&reason=consent_other_browser");
    assertThat(otherCookie.getHeader("Location")).doesNotContain(BankingStack.query(callback).get("code"));
    assertThat(attackersOwnBrowserAfterwards.getHeader("Location"))
        .as("the state died with the wrong browser's attempt").endsWith("reason=invalid_consent_state");
    assertThat(accounts(attacker)).isEmpty();
    assertThat(accounts(victim)).isEmpty();
  }

  @Test
  void aBrowserWithoutTheConsentCookieLinksNothing() {
    String attacker = await(STACK.api().newSession()).getString("accessToken");
    String callback = await(STACK.consent(attacker, firstPerson()));

    HttpResponse<Buffer> noCookie = await(STACK.api().get(callback, null));

    assertThat(noCookie.statusCode()).isEqualTo(302);
    assertThat(noCookie.getHeader("Location")).isEqualTo(RETURN_URL + "?result=failed&reason=consent_other_browser");
    assertThat(noCookie.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(accounts(attacker)).isEmpty();
  }

  @Test
  void theConsentCookieIsHttpOnlySameSiteLaxAndScopedToTheConsent() {
    String token = await(STACK.api().newSession()).getString("accessToken");
    HttpResponse<Buffer> authorize = await(STACK.api().get("/api/v1/openbanking/authorize", token));

    String cookie = authorize.cookies().stream().filter(c -> c.startsWith("shpay_consent=")).findFirst().orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
        .contains("Path=/api/v1/openbanking").containsIgnoringCase("Max-Age=600");
    assertThat(cookie).as("the stack's callback is http").doesNotContainIgnoringCase("Secure");
    String nonce = cookie.split(";", 2)[0].substring("shpay_consent=".length());
    assertThat(authorize.bodyAsString()).doesNotContain(nonce);
  }

  @Test
  void consentDeniedAtTheBankReturnsToTheAppWithTheReason() {
    HttpResponse<Buffer> denied = await(STACK.api().get(
        "/api/v1/openbanking/callback?error=access_denied&state=some-state-0123456789abcdefghij", null));

    assertThat(denied.statusCode()).isEqualTo(302);
    assertThat(denied.getHeader("Location")).isEqualTo(RETURN_URL + "?result=failed&reason=consent_denied");
  }

  private static io.vertx.core.json.JsonArray accounts(String token) {
    return await(STACK.api().get("/api/v1/accounts", token)).bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void aCallbackWithoutCodeNamesTheField() {
    HttpResponse<Buffer> response = await(STACK.api().get("/api/v1/openbanking/callback?state=abc", null));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
  }

  @Test
  void aStateExpiresAfterTenMinutes() {
    JsonObject session = await(STACK.api().newSession());
    String callback = await(STACK.consent(session.getString("accessToken"), firstPerson()));
    String state = BankingStack.query(callback).get("state");
    RedisAPI redis = RedisAPI.api(Redis.createClient(STACK.vertx(), TestServers.get().redisUri()));
    try {
      long pttl = await(redis.pttl("shpay:consent-state:" + state)).toLong();
      assertThat(pttl).isBetween(1L, 600_000L);
    } finally {
      redis.close();
    }
  }
}
