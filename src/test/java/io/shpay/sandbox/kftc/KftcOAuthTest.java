package io.shpay.sandbox.kftc;

import io.shpay.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The OAuth 2.0 side of the sandbox: consent, codes, the three grants and token life. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class KftcOAuthTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private KftcSandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    KftcSandboxOptions options = KftcSandboxOptions.defaults().withClock(clock).withAutoApprove(true);
    KftcSandbox.start(vertx, options).onComplete(ctx.succeeding(started -> {
      sandbox = started;
      client = new SandboxClient(vertx, started, options);
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sandbox.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anAutoApprovedAuthorizeRedirectsWithCodeScopeClientInfoAndStateAndTheCodeBuysTokens(VertxTestContext ctx) {
    client.authorize(Map.of("client_info", "shpay-user-42", "scope", "login inquiry")).send()
        .compose(redirect -> {
          ctx.verify(() -> {
            assertThat(redirect.statusCode()).isEqualTo(302);
            String location = redirect.getHeader("Location");
            assertThat(location).startsWith(client.options.redirectUri() + "?code=");
            Map<String, String> params = SandboxClient.query(location);
            assertThat(params).containsEntry("scope", "login inquiry")
                .containsEntry("client_info", "shpay-user-42")
                .containsEntry("state", "s7Hq2KdW9xLmP4vRt6YbN1cE8aJ3uF5g");
          });
          return client.exchange(SandboxClient.query(redirect.getHeader("Location")).get("code"));
        })
        .onComplete(ctx.succeeding(tokens -> ctx.verify(() -> {
          assertThat(tokens.getString("access_token")).isNotBlank();
          assertThat(tokens.getString("refresh_token")).isNotBlank().isNotEqualTo(tokens.getString("access_token"));
          assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
          assertThat(tokens.getLong("expires_in")).isEqualTo(Duration.ofDays(90).toSeconds());
          assertThat(tokens.getString("scope")).isEqualTo("login inquiry");
          assertThat(tokens.getString("user_seq_no")).isEqualTo(sandbox.bank().personIds().get(0));
          assertThat(tokens.containsKey("rsp_code")).as("a successful token answer is plain OAuth").isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void sandboxPersonPicksWhoConsentsSoTestsCanHaveSeveralUsers(VertxTestContext ctx) {
    String second = sandbox.bank().personIds().get(1);
    client.userTokens(second, "login").onComplete(ctx.succeeding(tokens -> ctx.verify(() -> {
      assertThat(tokens.getString("user_seq_no")).isEqualTo(second);
      ctx.completeNow();
    })));
  }

  @Test
  void aCodeWorksOnlyOnce(VertxTestContext ctx) {
    client.code(null, "login").compose(code -> client.exchange(code).compose(first -> client.exchange(code)))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertThat(second.getString("rsp_code")).isEqualTo("O0001");
          assertThat(second.containsKey("access_token")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void aCodeExpiresAfterTenMinutes(VertxTestContext ctx) {
    client.code(null, "login").compose(code -> {
          clock.advance(Duration.ofMinutes(10).plusSeconds(1));
          return client.exchange(code);
        })
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.getString("rsp_code")).isEqualTo("O0001");
          ctx.completeNow();
        })));
  }

  @Test
  void aCodeIsRefusedForAnotherRedirectUriOrAWrongSecret(VertxTestContext ctx) {
    Future<JsonObject> wrongRedirect = client.code(null, "login").compose(code -> client.token(form(
        "grant_type", "authorization_code", "code", code, "client_id", client.options.clientId(),
        "client_secret", client.options.clientSecret(), "redirect_uri", "http://localhost:9999/evil"))
        .map(SandboxClient::json));
    Future<JsonObject> wrongSecret = client.code(null, "login").compose(code -> client.token(form(
        "grant_type", "authorization_code", "code", code, "client_id", client.options.clientId(),
        "client_secret", "not-the-secret", "redirect_uri", client.options.redirectUri()))
        .map(SandboxClient::json));
    Future.all(wrongRedirect, wrongSecret).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      assertThat(wrongRedirect.result().getString("rsp_code")).isEqualTo("O0001");
      assertThat(wrongRedirect.result().getInteger("_http_status")).isEqualTo(200);
      assertThat(wrongSecret.result().getString("rsp_code")).isEqualTo("O0001");
      assertThat(wrongSecret.result().getString("api_tran_id")).isNotBlank();
      ctx.completeNow();
    })));
  }

  @Test
  void theTokenEndpointRefusesGetWithO0010(VertxTestContext ctx) {
    client.get(SandboxClient.TOKEN, null, Map.of()).onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
      assertThat(answer.getString("rsp_code")).isEqualTo("O0010");
      ctx.completeNow();
    })));
  }

  @Test
  void clientCredentialsGivesAnOobTokenWithTheClientUseCodeAndNothingElse(VertxTestContext ctx) {
    Future<JsonObject> oob = client.token(form("grant_type", "client_credentials", "scope", "oob",
        "client_id", client.options.clientId(), "client_secret", client.options.clientSecret())).map(SandboxClient::json);
    Future<JsonObject> inquiry = client.token(form("grant_type", "client_credentials", "scope", "inquiry",
        "client_id", client.options.clientId(), "client_secret", client.options.clientSecret())).map(SandboxClient::json);
    Future.all(oob, inquiry).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      assertThat(oob.result().getString("access_token")).isNotBlank();
      assertThat(oob.result().getString("token_type")).isEqualTo("Bearer");
      assertThat(oob.result().getString("scope")).isEqualTo("oob");
      assertThat(oob.result().getString("client_use_code")).isEqualTo("M202600001");
      assertThat(oob.result().containsKey("refresh_token")).isFalse();
      assertThat(inquiry.result().getString("rsp_code")).isEqualTo("O0001");
      ctx.completeNow();
    })));
  }

  @Test
  void aRefreshRotatesTheRefreshTokenAndTheOldOneIsSpent(VertxTestContext ctx) {
    client.userTokens(null, "login inquiry").compose(first -> refresh(first.getString("refresh_token"))
            .compose(second -> refresh(first.getString("refresh_token"))
                .compose(reuse -> client.balance(second.getString("access_token"),
                        sandbox.bank().fintechUseNums(sandbox.bank().personIds().get(0)).get(0))
                    .map(balance -> new JsonObject[] {first, second, reuse, balance}))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject first = all[0];
          JsonObject second = all[1];
          assertThat(second.getString("refresh_token")).isNotBlank().isNotEqualTo(first.getString("refresh_token"));
          assertThat(second.getString("access_token")).isNotEqualTo(first.getString("access_token"));
          assertThat(second.getString("scope")).isEqualTo("login inquiry");
          assertThat(second.getString("user_seq_no")).isEqualTo(first.getString("user_seq_no"));
          assertThat(all[2].getString("rsp_code")).as("the spent refresh token").isEqualTo("O0001");
          assertThat(all[3].getString("rsp_code")).as("the new access token works").isEqualTo("A0000");
          ctx.completeNow();
        })));
  }

  @Test
  void expiredAccessTokensGetO0002AndARefreshRecovers(VertxTestContext ctx) {
    String fintechUseNum = sandbox.bank().fintechUseNums(sandbox.bank().personIds().get(0)).get(0);
    client.userTokens(null, "login inquiry").compose(tokens -> {
          sandbox.expireAccessTokens();
          return client.balance(tokens.getString("access_token"), fintechUseNum)
              .compose(expired -> refresh(tokens.getString("refresh_token"))
                  .compose(renewed -> client.balance(renewed.getString("access_token"), fintechUseNum))
                  .map(renewed -> new JsonObject[] {expired, renewed}));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0].getString("rsp_code")).isEqualTo("O0002");
          assertThat(both[0].getInteger("_http_status")).isEqualTo(200);
          assertThat(both[1].getString("rsp_code")).isEqualTo("A0000");
          ctx.completeNow();
        })));
  }

  @Test
  void accessTokensExpireByTheOptionsClock(VertxTestContext ctx) {
    String fintechUseNum = sandbox.bank().fintechUseNums(sandbox.bank().personIds().get(0)).get(0);
    client.userAccessToken(null).compose(token -> {
          clock.advance(Duration.ofDays(90).plusSeconds(1));
          return client.balance(token, fintechUseNum);
        })
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.getString("rsp_code")).isEqualTo("O0002");
          ctx.completeNow();
        })));
  }

  @Test
  void aBadRedirectUriClientIdOrScopeGetsAnErrorPageAndNeverARedirect(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> badRedirect = client.authorize(Map.of("redirect_uri", "https://evil.example/cb")).send();
    Future<HttpResponse<Buffer>> badClient = client.authorize(Map.of("client_id", "someone-else")).send();
    Future<HttpResponse<Buffer>> badScope = client.authorize(Map.of("scope", "login payments")).send();
    Future.all(badRedirect, badClient, badScope).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (HttpResponse<Buffer> response : List.of(badRedirect.result(), badClient.result(), badScope.result())) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.getHeader("Location")).isNull();
        assertThat(response.getHeader("Content-Type")).startsWith("text/html");
      }
      assertThat(badRedirect.result().bodyAsString()).contains("redirect_uri").doesNotContain("evil.example");
      ctx.completeNow();
    })));
  }

  private Future<JsonObject> refresh(String refreshToken) {
    return client.token(form("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", "login inquiry",
        "client_id", client.options.clientId(), "client_secret", client.options.clientSecret())).map(SandboxClient::json);
  }

  private static MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }
}
