package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.BankingStack;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** What costs SH Pay a slow hash or a bank call is limited, with headers that say when to come back. */
class CostLimitsTest {

  private static final int SIGN_UPS_PER_ADDRESS = 3;
  private static final int BANK_READS_PER_MINUTE = 3;

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_HTTP_TRUSTED_PROXIES", "127.0.0.1/32")
      .put("SHPAY_AUTH_SIGN_UPS_PER_IP_PER_HOUR", SIGN_UPS_PER_ADDRESS)
      .put("SHPAY_OPENBANKING_BANK_READS_PER_USER_PER_MINUTE", BANK_READS_PER_MINUTE), UnaryOperator.identity());

  @BeforeEach
  void aFreshSignUpWindowForTheStacksOwnAddress() throws Exception {
    // The stack's helpers sign users up from 127.0.0.1, as other test classes do.
    RedisAPI redis = RedisAPI.api(Redis.createClient(STACK.vertx(), TestServers.get().redisUri()));
    await(redis.del(List.of("shpay:rate:sign-up-ip:127.0.0.1")));
    redis.close();
  }

  @Test
  void signUpsFromOneAddressAreLimitedWithRetryAfterAndRateLimitHeaders() throws Exception {
    String address = "2001:db8:" + Integer.toHexString(new Random().nextInt(0xffff)) + "::1";
    for (int i = 0; i < SIGN_UPS_PER_ADDRESS; i++) {
      assertThat(await(signUp(address)).statusCode()).isEqualTo(201);
    }
    HttpResponse<Buffer> refused = await(signUp(address));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 3600L);
    assertThat(refused.getHeader("RateLimit")).matches("limit=" + SIGN_UPS_PER_ADDRESS + ", remaining=0, reset=\\d+");
    assertThat(await(signUp(address.replace("::1", "::2"))).statusCode()).as("another address").isEqualTo(201);
  }

  @Test
  void readsThatGoToTheBankAreLimitedPerUserAndTheCachedBalanceIsNot() throws Exception {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String token = user.getString("accessToken");
    String account = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    for (int i = 0; i < BANK_READS_PER_MINUTE; i++) {
      assertThat(await(STACK.api().get("/api/v1/accounts/" + account + "/balance?fresh=true", token)).statusCode())
          .isEqualTo(200);
    }
    HttpResponse<Buffer> fresh = await(STACK.api().get("/api/v1/accounts/" + account + "/balance?fresh=true", token));
    assertThat(fresh.statusCode()).isEqualTo(429);
    assertThat(fresh.getHeader("Retry-After")).isNotNull();
    assertThat(fresh.getHeader("RateLimit")).startsWith("limit=" + BANK_READS_PER_MINUTE);
    assertThat(await(STACK.api().get("/api/v1/accounts/" + account + "/transactions", token)).statusCode())
        .as("transaction pages share the budget").isEqualTo(429);
    assertThat(await(STACK.api().get("/api/v1/accounts/" + account + "/balance", token)).statusCode())
        .as("the cached balance costs the bank nothing").isEqualTo(200);
  }

  @Test
  void aCursorThisApiDidNotSignIsA400NamingTheCursor() throws Exception {
    JsonObject user = await(STACK.linkedUser(person(1)));
    String token = user.getString("accessToken");
    String account = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    // What an unsigned cursor looked like, with a range no fresh query may ask for.
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonObject()
        .put("from", "2000-01-01").put("to", "2099-12-31").put("direction", "ALL").put("continuation", "1")
        .encode().getBytes(StandardCharsets.UTF_8));
    HttpResponse<Buffer> answer = await(STACK.api().get("/api/v1/accounts/" + account + "/transactions?cursor=" + forged, token));
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");

    HttpResponse<Buffer> tampered = await(STACK.api().get("/api/v1/accounts/" + account + "/transactions?cursor="
        + forged + ".AAAAAAAAAAAAAAAAAAAAAA", token));
    assertThat(tampered.statusCode()).isEqualTo(400);
  }

  private static Future<HttpResponse<Buffer>> signUp(String forwardedFor) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/users").putHeader("X-Forwarded-For", forwardedFor)
        .sendJsonObject(new JsonObject().put("email", Api.uniqueEmail()).put("name", "Kim Minji").put("password", Api.PASSWORD));
  }

  private static String person(int index) {
    return STACK.sandbox().bank().personIds().get(index);
  }

}
