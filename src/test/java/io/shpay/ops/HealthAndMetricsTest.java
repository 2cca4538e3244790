package io.shpay.ops;

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
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Probes and metrics. Redis is reached through a proxy the test can cut, so "Redis is down" is a
 * real lost connection whether the suite runs on embedded or external servers.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class HealthAndMetricsTest {

  private static TcpProxy redisProxy;
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    URI redis = URI.create(TestServers.get().redisUri());
    TcpProxy.start(vertx, redis.getHost(), redis.getPort())
        .compose(proxy -> {
          redisProxy = proxy;
          return TestApp.start(new JsonObject().put("SHPAY_REDIS_URI", "redis://127.0.0.1:" + proxy.port()));
        })
        .onComplete(ctx.succeeding(started -> {
          app = started;
          api = new Api(vertx, app);
          ctx.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext ctx) {
    app.close().onComplete(ignored -> {
      redisProxy.close();
      ctx.completeNow();
    });
  }

  @Test
  void livenessIsUp(VertxTestContext ctx) {
    api.request(HttpMethod.GET, "/health/live").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      ctx.completeNow();
    })));
  }

  @Test
  void readinessGoesDownWhenRedisIsUnreachableAndUpWhenItReturns(Vertx vertx, VertxTestContext ctx) {
    ready()
        .compose(up -> {
          ctx.verify(() -> {
            assertThat(up.statusCode()).isEqualTo(200);
            JsonObject body = up.bodyAsJsonObject();
            assertThat(body.getString("outcome")).isEqualTo("UP");
            assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
                .containsExactlyInAnyOrder("mysql", "redis", "kafka");
          });
          return redisProxy.cut();
        })
        .compose(cut -> ready())
        .compose(down -> {
          ctx.verify(() -> {
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(statusOf(down.bodyAsJsonObject(), "redis")).isEqualTo("DOWN");
            assertThat(statusOf(down.bodyAsJsonObject(), "mysql")).isEqualTo("UP");
          });
          return redisProxy.restore();
        })
        .compose(restored -> eventuallyReady(vertx, 50))
        .onComplete(ctx.succeeding(upAgain -> ctx.verify(() -> {
          assertThat(upAgain.statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  void metricsAreServedInPrometheusFormat(VertxTestContext ctx) {
    api.request(HttpMethod.GET, "/health/live").send()
        .compose(warmed -> api.request(HttpMethod.GET, "/metrics").send())
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
          assertThat(response.bodyAsString()).contains("vertx_http_server_requests_total", "jvm_memory_used_bytes");
          ctx.completeNow();
        })));
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
