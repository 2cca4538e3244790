package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.RunningApp;
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

/** Every kind of bad request gets a 4xx problem+json, never a 500 or a stack trace. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ProblemResponsesTest {

  private static final int BODY_LIMIT = 2048;

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject().put("SHPAY_HTTP_BODY_LIMIT_BYTES", BODY_LIMIT));

  @Test
  void malformedJsonIs400(VertxTestContext ctx) {
    send(HttpMethod.POST, "/api/v1/users", "application/json", "{\"email\": ").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertProblem(r, 400, "malformed_json");
      ctx.completeNow();
    })));
  }

  @Test
  void aJsonArrayInsteadOfAnObjectIs400(VertxTestContext ctx) {
    send(HttpMethod.POST, "/api/v1/auth/login", "application/json", "[1,2]").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertProblem(r, 400, "malformed_json");
      ctx.completeNow();
    })));
  }

  @Test
  void anEmptyBodyIs400(VertxTestContext ctx) {
    send(HttpMethod.POST, "/api/v1/auth/login", "application/json", "").onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertProblem(r, 400, "malformed_json");
      ctx.completeNow();
    })));
  }

  @Test
  void anOversizeBodyIs413(VertxTestContext ctx) {
    String big = new JsonObject().put("email", "a@b.co").put("name", "x".repeat(BODY_LIMIT)).put("password", "p").encode();
    send(HttpMethod.POST, "/api/v1/users", "application/json", big).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertProblem(r, 413, "payload_too_large");
      ctx.completeNow();
    })));
  }

  @Test
  void aFormBodyIs415(VertxTestContext ctx) {
    send(HttpMethod.POST, "/api/v1/auth/login", "application/x-www-form-urlencoded", "email=a&password=b")
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertProblem(r, 415, "unsupported_media_type");
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownRouteIsA404Problem(VertxTestContext ctx) {
    SHPAY.api().request(HttpMethod.GET, "/api/v1/nothing-here").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertProblem(r, 404, "not_found");
      assertThat(r.bodyAsJsonObject().getString("instance")).isEqualTo("/api/v1/nothing-here");
      ctx.completeNow();
    })));
  }

  @Test
  void aWrongMethodIsA405Problem(VertxTestContext ctx) {
    SHPAY.api().request(HttpMethod.DELETE, "/api/v1/users").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertProblem(r, 405, "method_not_allowed");
      ctx.completeNow();
    })));
  }

  @Test
  void theCallersRequestIdIsEchoedInHeaderAndProblem(VertxTestContext ctx) {
    SHPAY.api().request(HttpMethod.GET, "/api/v1/nothing-here").putHeader("X-Request-Id", "trace-42").send()
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.getHeader("X-Request-Id")).isEqualTo("trace-42");
          assertThat(r.bodyAsJsonObject().getString("requestId")).isEqualTo("trace-42");
          ctx.completeNow();
        })));
  }

  private io.vertx.core.Future<HttpResponse<Buffer>> send(HttpMethod method, String path, String contentType, String body) {
    return SHPAY.api().request(method, path).putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body));
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getString("type")).isEqualTo("urn:shpay:problem:" + code);
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(problem.encode()).doesNotContain("Exception", "\tat ");
  }
}
