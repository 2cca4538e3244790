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
    JsonObject session = await(STACK.api().newSession());
    String callback = await(STACK.consent(session.getString("accessToken"), firstPerson()));
    int first = await(STACK.api().get(callback, null)).statusCode();
    int second = await(STACK.api().get(callback, null)).statusCode();
    assertThat(first).isEqualTo(200);
    assertThat(second).isEqualTo(400);
  }

  @Test
  void aForgedStateIsRefusedAndLinksNothing() {
    JsonObject session = await(STACK.api().newSession());
    String callback = await(STACK.consent(session.getString("accessToken"), firstPerson()));
    String code = BankingStack.query(callback).get("code");
    HttpResponse<Buffer> forged = await(STACK.api().get("/api/v1/openbanking/callback?code=" + code
        + "&state=forged-state-0123456789abcdefghij", null));
    HttpResponse<Buffer> accounts = await(STACK.api().get("/api/v1/accounts", session.getString("accessToken")));
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.bodyAsJsonObject().getString("code")).isEqualTo("invalid_consent_state");
    assertThat(accounts.bodyAsJsonObject().getJsonArray("items")).isEmpty();
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
