package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.RunningApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Login limits count against the real client: the address a trusted proxy forwards, never one an untrusted peer
 * claims; and the per-account limit holds under parallel guesses. Every request here carries its own forwarded
 * address (127.0.0.1 is the trusted "ingress"), so other classes' logins from 127.0.0.1 do not interfere.
 */
class LoginLimitsTest {

  private static final int FAILURES_PER_ACCOUNT = 3;
  private static final int ATTEMPTS_PER_IP = 6;
  private static final int PARALLEL_GUESSES = 40;

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject()
      .put("SHPAY_HTTP_TRUSTED_PROXIES", "127.0.0.1/32")
      .put("SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT", FAILURES_PER_ACCOUNT)
      .put("SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", ATTEMPTS_PER_IP));

  private static Vertx vertx;
  /** Sized for the parallel guesses: WebClient's default pool of 5 would send them five at a time. */
  private static WebClient viaIngress;
  /** Connects from 127.0.0.2, which is not a trusted proxy. */
  private static WebClient untrusted;

  @BeforeAll
  static void clients() {
    vertx = Vertx.vertx();
    int port = SHPAY.app().port();
    viaIngress = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(PARALLEL_GUESSES));
    untrusted = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setLocalAddress("127.0.0.2"));
  }

  @AfterAll
  static void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void parallelWrongGuessesNeverGetMoreHashChecksThanTheAccountLimit() throws Exception {
    String email = Api.uniqueEmail();
    assertThat(await(SHPAY.api().signUp(email)).statusCode()).isEqualTo(201);

    // Addresses of this run only (documentation range), so a rerun within the window starts clean.
    String run = "2001:db8:" + Integer.toHexString(new java.util.Random().nextInt(0xffff)) + "::";
    List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
    for (int i = 0; i < PARALLEL_GUESSES; i++) {
      // Each from its own address, so only the account's limit can stop them.
      guesses.add(login(viaIngress, email, "wrong guess " + i, run + Integer.toHexString(i + 1)));
    }
    await(Future.join(guesses));

    List<Integer> statuses = guesses.stream().map(guess -> guess.result().statusCode()).toList();
    assertThat(statuses.stream().filter(status -> status == 401).count())
        .as("wrong guesses that reached the password check").isEqualTo(FAILURES_PER_ACCOUNT);
    assertThat(statuses.stream().filter(status -> status == 429).count())
        .isEqualTo(PARALLEL_GUESSES - FAILURES_PER_ACCOUNT);
    assertThat(await(login(viaIngress, email, Api.PASSWORD, run + "ffff")).statusCode())
        .as("the account stays locked for its window, even for the right password").isEqualTo(429);
  }

  @Test
  void aTrustedProxysForwardedAddressIsTheOneCountedSoOneUsersLockoutIsNotEveryones() throws Exception {
    String noisy = "198.51.100.7";
    await(clearAddress(noisy));
    for (int i = 0; i < ATTEMPTS_PER_IP; i++) {
      assertThat(await(login(viaIngress, Api.uniqueEmail(), "whatever", noisy)).statusCode()).isEqualTo(401);
    }
    HttpResponse<Buffer> limited = await(login(viaIngress, Api.uniqueEmail(), "whatever", noisy));
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(limited.getHeader("Retry-After"))).isPositive();

    await(clearAddress("192.0.2.8"));
    assertThat(await(login(viaIngress, Api.uniqueEmail(), "whatever", "192.0.2.8")).statusCode()).as("another client behind the same ingress").isEqualTo(401);
  }

  @Test
  void anUntrustedPeerCannotEscapeItsLimitByWritingXForwardedFor() throws Exception {
    // Start this peer's window afresh, so the test can be rerun against the same Redis.
    await(clearAddress("127.0.0.2"));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i <= ATTEMPTS_PER_IP; i++) {
      statuses.add(await(login(untrusted, Api.uniqueEmail(), "whatever", "203.0.113." + (100 + i))).statusCode());
    }
    assertThat(statuses.subList(0, ATTEMPTS_PER_IP)).containsOnly(401);
    assertThat(statuses.get(ATTEMPTS_PER_IP)).as("counted against 127.0.0.2, whatever it claimed").isEqualTo(429);
  }

  private static Future<HttpResponse<Buffer>> login(WebClient client, String email, String password, String forwardedFor) {
    return client.request(HttpMethod.POST, "/api/v1/auth/login").putHeader("X-Forwarded-For", forwardedFor)
        .putHeader("X-Request-Id", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("email", email).put("password", password));
  }

  private static Future<Void> clearAddress(String address) {
    var redis = io.vertx.redis.client.RedisAPI.api(io.vertx.redis.client.Redis.createClient(vertx,
        io.shpay.testing.TestServers.get().redisUri()));
    return redis.del(List.of("shpay:rate:login-ip:" + address)).eventually(() -> {
      redis.close();
      return Future.succeededFuture();
    }).mapEmpty();
  }

}
