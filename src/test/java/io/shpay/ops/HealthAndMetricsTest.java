package io.shpay.ops;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.TcpProxy;
import io.shpay.testing.TestApp;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Probes and metrics. Redis is reached through a proxy the test can cut, so "Redis is down" is a
 * real lost connection whether the suite runs on embedded or external servers.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HealthAndMetricsTest {

  private static TcpProxy redisProxy;
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start(Vertx vertx) {
    URI redis = URI.create(TestServers.get().redisUri());
    redisProxy = await(TcpProxy.start(vertx, redis.getHost(), redis.getPort()));
    app = await(TestApp.start(new JsonObject().put("SHPAY_REDIS_URI", "redis://127.0.0.1:" + redisProxy.port())));
    api = new Api(vertx, app);
  }

  @AfterAll
  static void stop() {
    await(app.close().transform(closed -> Future.succeededFuture()));
    redisProxy.close();
  }

  @Test
  void livenessIsUp() {
    HttpResponse<Buffer> response = await(api.request(HttpMethod.GET, "/health/live").send());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessGoesDownWhenRedisIsUnreachableAndUpWhenItReturns(Vertx vertx) {
    HttpResponse<Buffer> up = await(ready());
    assertThat(up.statusCode()).isEqualTo(200);
    JsonObject body = up.bodyAsJsonObject();
    assertThat(body.getString("outcome")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
        .containsExactlyInAnyOrder("mysql", "redis", "kafka");

    await(redisProxy.cut());
    HttpResponse<Buffer> down = await(ready());
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(statusOf(down.bodyAsJsonObject(), "redis")).isEqualTo("DOWN");
    assertThat(statusOf(down.bodyAsJsonObject(), "mysql")).isEqualTo("UP");

    await(redisProxy.restore());
    HttpResponse<Buffer> upAgain = await(eventuallyReady(vertx, 50));
    assertThat(upAgain.statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAreServedInPrometheusFormat() {
    await(api.request(HttpMethod.GET, "/health/live").send());
    HttpResponse<Buffer> response = await(api.request(HttpMethod.GET, "/metrics").send());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString()).contains("vertx_http_server_requests_total", "jvm_memory_used_bytes");
    // Counted per message and per socket read on the pay path, for no operator's question (ShpayApplication).
    assertThat(response.bodyAsString()).doesNotContain("vertx_eventbus_", "vertx_net_client_");
  }

  private Future<HttpResponse<Buffer>> ready() {
    return api.request(HttpMethod.GET, "/health/ready").send();
  }

  /** The Redis client reconnects on demand; poll the probe (bounded) until it does, as Kubernetes would. */
  private Future<HttpResponse<Buffer>> eventuallyReady(Vertx vertx, int attemptsLeft) {
    return ready().compose(response -> {
      if (response.statusCode() == 200 || attemptsLeft == 0) {
        return Future.succeededFuture(response);
      }
      return vertx.timer(100).compose(tick -> eventuallyReady(vertx, attemptsLeft - 1));
    });
  }

  private static String statusOf(JsonObject health, String check) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> check.equals(c.getString("id"))).findFirst().orElseThrow().getString("status");
  }
}
