package io.shpay.openbanking;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

/** Linking banks through KFTC's consent, and every way a callback can be wrong. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ConsentTest {

  private static final String RETURN_URL = "shpay://openbanking/consent";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static String firstPerson() {
    return STACK.sandbox().bank().personIds().get(0);
  }

  @Test
  void theAuthorizeUrlAsksKftcForConsentWithAOneTimeState(VertxTestContext ctx) {
    STACK.api().newSession()
        .compose(session -> STACK.api().get("/api/v1/openbanking/authorize", session.getString("accessToken")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          String url = response.bodyAsJsonObject().getString("authorizeUrl");
          assertThat(url).startsWith(STACK.sandbox().baseUrl() + "/oauth/2.0/authorize?")
              .contains("response_type=code", "client_id=", "scope=login+inquiry+transfer", "redirect_uri=");
          assertThat(BankingStack.query("/x?" + url.split("\\?", 2)[1]).get("state")).hasSize(32);
          ctx.completeNow();
        })));
  }

  @Test
  void consentingLinksTheAccountsOfThePersonWithOneMainAccount(VertxTestContext ctx) {
    String person = firstPerson();
    STACK.linkedUser(person).compose(user -> STACK.api().get("/api/v1/accounts", user.getString("accessToken")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          var items = response.bodyAsJsonObject().getJsonArray("items");
          assertThat(items).hasSize(STACK.sandbox().bank().fintechUseNums(person).size());
          assertThat(items.stream().map(JsonObject.class::cast).filter(a -> a.getBoolean("main"))).hasSize(1);
          JsonObject first = items.getJsonObject(0);
          assertThat(first.getString("id")).hasSize(36);
          assertThat(first.getString("bankName")).isNotBlank();
          assertThat(first.getString("accountNumMasked")).contains("*");
          assertThat(first.fieldNames()).doesNotContain("fintechUseNum");
          ctx.completeNow();
        })));
  }

  @Test
  void theMainAccountCanBeChosen(VertxTestContext ctx) {
    STACK.linkedUser(firstPerson()).compose(user -> {
      String token = user.getString("accessToken");
      JsonObject second = user.getJsonArray("accounts").getJsonObject(1);
      return STACK.api().request(io.vertx.core.http.HttpMethod.POST, "/api/v1/accounts/" + second.getString("id") + "/main")
          .bearerTokenAuthentication(token).send()
          .compose(chosen -> STACK.api().get("/api/v1/accounts", token).map(list -> {
            ctx.verify(() -> {
              assertThat(chosen.statusCode()).isEqualTo(200);
              assertThat(chosen.bodyAsJsonObject().getBoolean("main")).isTrue();
              var mains = list.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
                  .filter(a -> a.getBoolean("main")).map(a -> a.getString("id")).toList();
              assertThat(mains).containsExactly(second.getString("id"));
            });
            return list;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aReplayedCallbackIsRefused() throws Exception {
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
  void aForgedStateIsRefusedAndLinksNothing() throws Exception {
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
  void theAttackersConsentLinkCompletedInAVictimsBrowserLinksNothingToAnyone() throws Exception {
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
  void aBrowserWithoutTheConsentCookieLinksNothing() throws Exception {
    String attacker = await(STACK.api().newSession()).getString("accessToken");
    String callback = await(STACK.consent(attacker, firstPerson()));

    HttpResponse<Buffer> noCookie = await(STACK.api().get(callback, null));

    assertThat(noCookie.statusCode()).isEqualTo(302);
    assertThat(noCookie.getHeader("Location")).isEqualTo(RETURN_URL + "?result=failed&reason=consent_other_browser");
    assertThat(noCookie.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(accounts(attacker)).isEmpty();
  }

  @Test
  void theConsentCookieIsHttpOnlySameSiteLaxAndScopedToTheConsent() throws Exception {
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
  void consentDeniedAtTheBankReturnsToTheAppWithTheReason() throws Exception {
    HttpResponse<Buffer> denied = await(STACK.api().get(
        "/api/v1/openbanking/callback?error=access_denied&state=some-state-0123456789abcdefghij", null));

    assertThat(denied.statusCode()).isEqualTo(302);
    assertThat(denied.getHeader("Location")).isEqualTo(RETURN_URL + "?result=failed&reason=consent_denied");
  }

  private static io.vertx.core.json.JsonArray accounts(String token) throws Exception {
    return await(STACK.api().get("/api/v1/accounts", token)).bodyAsJsonObject().getJsonArray("items");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void aCallbackWithoutCodeNamesTheField(VertxTestContext ctx) {
    STACK.api().get("/api/v1/openbanking/callback?state=abc", null).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("code");
      ctx.completeNow();
    })));
  }

  @Test
  void aStateExpiresAfterTenMinutes(VertxTestContext ctx) {
    STACK.api().newSession().compose(session -> STACK.consent(session.getString("accessToken"), firstPerson()))
        .compose(callback -> {
          String state = BankingStack.query(callback).get("state");
          var redis = io.vertx.redis.client.RedisAPI.api(io.vertx.redis.client.Redis.createClient(STACK.vertx(),
              io.shpay.testing.TestServers.get().redisUri()));
          return redis.pttl("shpay:consent-state:" + state).onComplete(ignored -> redis.close());
        })
        .onComplete(ctx.succeeding(pttl -> ctx.verify(() -> {
          assertThat(pttl.toLong()).isBetween(1L, 600_000L);
          ctx.completeNow();
        })));
  }
}
