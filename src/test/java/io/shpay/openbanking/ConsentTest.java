package io.shpay.openbanking;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.json.JsonObject;
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
  void aReplayedCallbackIsRefused(VertxTestContext ctx) {
    STACK.api().newSession().compose(session -> STACK.consent(session.getString("accessToken"), firstPerson()))
        .compose(callback -> STACK.api().get(callback, null).compose(first -> STACK.api().get(callback, null)
            .map(second -> new int[] {first.statusCode(), second.statusCode()})))
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses[0]).isEqualTo(200);
          assertThat(statuses[1]).isEqualTo(400);
          ctx.completeNow();
        })));
  }

  @Test
  void aForgedStateIsRefusedAndLinksNothing(VertxTestContext ctx) {
    STACK.api().newSession().compose(session -> STACK.consent(session.getString("accessToken"), firstPerson())
            .compose(callback -> {
              String code = BankingStack.query(callback).get("code");
              return STACK.api().get("/api/v1/openbanking/callback?code=" + code + "&state=forged-state-0123456789abcdefghij", null);
            })
            .compose(forged -> STACK.api().get("/api/v1/accounts", session.getString("accessToken"))
                .map(accounts -> new JsonObject().put("forged", forged.bodyAsJsonObject()).put("status", forged.statusCode())
                    .put("accounts", accounts.bodyAsJsonObject()))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getInteger("status")).isEqualTo(400);
          assertThat(result.getJsonObject("forged").getString("code")).isEqualTo("invalid_consent_state");
          assertThat(result.getJsonObject("accounts").getJsonArray("items")).isEmpty();
          ctx.completeNow();
        })));
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
