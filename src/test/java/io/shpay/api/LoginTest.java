package io.shpay.api;

import java.time.Duration;
import io.shpay.testing.Await;
import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shpay.testing.Api;
import io.shpay.testing.RunningApp;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginTest {

  private static final int FAILURES_PER_ACCOUNT = 3;
  private static final int ATTEMPTS_PER_IP = 12;

  private static final String ADMIN_EMAIL = "login-admin@example.com";
  private static final String ADMIN_PASSWORD = "login admin password";

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject()
      .put("SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT", FAILURES_PER_ACCOUNT)
      .put("SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", ATTEMPTS_PER_IP)
      // This class' own "ingress", so the address test can use an address no other test (or test JVM) shares.
      .put("SHPAY_HTTP_TRUSTED_PROXIES", "127.0.0.1/32")
      .put("SHPAY_ADMIN_EMAIL", ADMIN_EMAIL)
      .put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD));

  @BeforeEach
  void aFreshWindowForThisAddress(Vertx vertx, VertxTestContext ctx) {
    // Other test classes log in from 127.0.0.1 too: each test starts this address' window afresh.
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, TestServers.get().redisUri()));
    redis.del(List.of("shpay:rate:login-ip:127.0.0.1")).onComplete(ignored -> redis.close())
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theRightPasswordGivesABearerAccessTokenAndARefreshToken(VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    SHPAY.api().signUp(email).compose(created -> SHPAY.api().login(email.toUpperCase(), Api.PASSWORD))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
          JsonObject tokens = response.bodyAsJsonObject();
          assertThat(tokens.getString("tokenType")).isEqualTo("Bearer");
          assertThat(tokens.getLong("expiresIn")).isEqualTo(900L);
          assertThat(tokens.getString("accessToken").split("\\.")).hasSize(3);
          assertThat(tokens.getString("refreshToken")).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");
          ctx.completeNow();
        })));
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer(VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    SHPAY.api().signUp(email)
        .compose(created -> SHPAY.api().login(email, "wrong password!"))
        .compose(wrongPassword -> SHPAY.api().login(Api.uniqueEmail(), Api.PASSWORD).map(unknown -> List.of(wrongPassword, unknown)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          for (HttpResponse<Buffer> response : responses) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
          }
          assertThat(comparable(responses.get(0))).isEqualTo(comparable(responses.get(1)));
          assertThat(comparable(responses.get(0)).getString("code")).isEqualTo("invalid_credentials");
          ctx.completeNow();
        })));
  }

  @Test
  void repeatedFailuresLockTheAccountWith429AndRetryAfterEvenForTheRightPassword() {
    String email = Api.uniqueEmail();
    await(SHPAY.api().signUp(email));
    for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
      HttpResponse<Buffer> failed = await(SHPAY.api().login(email, "wrong password!"));
      assertThat(failed.statusCode()).as("failure #%d is a plain 401", i + 1).isEqualTo(401);
    }
    HttpResponse<Buffer> response = await(SHPAY.api().login(email, Api.PASSWORD));
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("rate_limited");
    assertThat(Long.parseLong(response.getHeader("Retry-After"))).isBetween(1L, 900L);
  }

  @Test
  @Order(Integer.MAX_VALUE) // spends this class' per-address budget, so it runs last
  void oneAddressIsLimitedAcrossAccounts(Vertx vertx, VertxTestContext ctx) {
    List<Integer> statuses = new ArrayList<>();
    // An address of this run only: test JVMs sharing one Redis all log in from 127.0.0.1.
    String address = "2001:db8:" + Integer.toHexString(new java.util.Random().nextInt(0xffff)) + "::1";
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < ATTEMPTS_PER_IP + 2; i++) {
      chain = chain.compose(ignored -> SHPAY.api().request(io.vertx.core.http.HttpMethod.POST, "/api/v1/auth/login")
              .putHeader("X-Forwarded-For", address)
              .sendJsonObject(new JsonObject().put("email", Api.uniqueEmail()).put("password", "whatever password")))
          .map(response -> {
            statuses.add(response.statusCode());
            return null;
          });
    }
    chain.onComplete(ctx.succeeding(done -> ctx.verify(() -> {
      assertThat(statuses.subList(0, ATTEMPTS_PER_IP)).containsOnly(401);
      assertThat(statuses.subList(ATTEMPTS_PER_IP, statuses.size())).containsOnly(429);
      ctx.completeNow();
    })));
  }

  @Test
  void anAdminLiftsAnAccountLockoutAndAnAddressLockoutAndEachLiftIsAudited() throws Exception {
    ListAppender<ILoggingEvent> audit = new ListAppender<>();
    audit.start();
    Logger auditLog = (Logger) LoggerFactory.getLogger("io.shpay.audit");
    auditLog.addAppender(audit);
    try {
      String adminToken = await(SHPAY.api().login(ADMIN_EMAIL, ADMIN_PASSWORD)).bodyAsJsonObject().getString("accessToken");
      String email = Api.uniqueEmail();
      await(SHPAY.api().signUp(email));
      for (int i = 0; i < FAILURES_PER_ACCOUNT; i++) {
        await(SHPAY.api().login(email, "wrong password!"));
      }
      assertThat(await(SHPAY.api().login(email, Api.PASSWORD)).statusCode()).isEqualTo(429);

      String userToken = await(SHPAY.api().newSession()).getString("accessToken");
      assertThat(await(lift(userToken, "?email=" + email)).statusCode()).isEqualTo(403);
      HttpResponse<Buffer> nothingNamed = await(lift(adminToken, ""));
      assertThat(nothingNamed.statusCode()).isEqualTo(400);
      assertThat(nothingNamed.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("email");

      HttpResponse<Buffer> lifted = await(lift(adminToken, "?email=" + email.toUpperCase()));
      assertThat(lifted.statusCode()).isEqualTo(200);
      assertThat(lifted.bodyAsJsonObject()).isEqualTo(new JsonObject().put("account", true).put("address", false));
      assertThat(await(SHPAY.api().login(email, Api.PASSWORD)).statusCode()).isEqualTo(200);

      int spent = 0;
      while (await(SHPAY.api().login(Api.uniqueEmail(), "whatever password")).statusCode() != 429) {
        assertThat(++spent).isLessThanOrEqualTo(ATTEMPTS_PER_IP);
      }
      assertThat(await(SHPAY.api().login(email, Api.PASSWORD)).statusCode()).isEqualTo(429);
      HttpResponse<Buffer> addressLifted = await(lift(adminToken, "?address=127.0.0.1"));
      assertThat(addressLifted.bodyAsJsonObject()).isEqualTo(new JsonObject().put("account", false).put("address", true));
      assertThat(await(SHPAY.api().login(email, Api.PASSWORD)).statusCode()).isEqualTo(200);

      assertThat(audit.list).hasSize(2);
      assertThat(audit.list.get(0).getFormattedMessage()).contains("Login limits lifted by admin").contains("was limited")
          .doesNotContain(email).doesNotContain(email.toUpperCase());
      assertThat(audit.list.get(1).getFormattedMessage()).contains("address 127.0.0.1 (was limited)");
    } finally {
      auditLog.detachAppender(audit);
    }
  }

  private static Future<HttpResponse<Buffer>> lift(String accessToken, String query) {
    return SHPAY.api().request(HttpMethod.DELETE, "/api/v1/admin/login-limits" + query)
        .bearerTokenAuthentication(accessToken).send();
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(20));
  }

  /** The problem body without the fields that differ per request. */
  private static JsonObject comparable(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject().copy();
    body.remove("requestId");
    return body;
  }
}
