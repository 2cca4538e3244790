package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.RunningApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/** Small holes at the edge: token spelling, malformed escapes, demoted roles, browser headers and CORS. */
class EdgeDefencesTest {

  private static final String ADMIN_EMAIL = "edge-admin@example.com";
  private static final String ADMIN_PASSWORD = "edge admin password";
  private static final String APP_ORIGIN = "https://app.example.com";

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject()
      .put("SHPAY_ADMIN_EMAIL", ADMIN_EMAIL).put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD)
      .put("SHPAY_HTTP_CORS_ALLOWED_ORIGINS", APP_ORIGIN)
      .put("SHPAY_AUTH_SIGN_UPS_PER_IP_PER_HOUR", 1_000_000));

  @Test
  void anAccessTokenWithAnythingAppendedToItsSignatureIsRefused() throws Exception {
    String token = await(SHPAY.api().newSession()).getString("accessToken");
    assertThat(await(SHPAY.api().get("/api/v1/users/me", token)).statusCode()).isEqualTo(200);
    for (String tampered : List.of(token + "x", token + "A", token + "_", token.substring(0, token.length() - 1))) {
      HttpResponse<Buffer> refused = await(SHPAY.api().get("/api/v1/users/me", tampered));
      assertThat(refused.statusCode()).as(tampered.substring(token.length() - 3)).isEqualTo(401);
      assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    // Not a compact token at all: the header itself is malformed.
    assertThat(await(SHPAY.api().get("/api/v1/users/me", token + "=")).statusCode()).isEqualTo(400);
    assertThat(await(SHPAY.api().get("/api/v1/users/me", token + ".")).statusCode()).isEqualTo(400);
  }

  @Test
  void aMalformedPercentEscapeInTheQueryIsA400ProblemNamingTheQuery() throws Exception {
    String token = await(SHPAY.api().newSession()).getString("accessToken");
    for (String path : List.of("/api/v1/payments?status=%zz", "/api/v1/payments?status=%E0%A4%A",
        "/api/v1/openbanking/callback?code=%&state=x", "/health/live?x=%g1")) {
      HttpResponse<Buffer> answer = await(SHPAY.api().get(path, token));
      assertThat(answer.statusCode()).as(path).isEqualTo(400);
      assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("query");
      assertThat(answer.bodyAsString()).doesNotContain("Exception").doesNotContain("at io.");
    }
  }

  @Test
  void aDemotedSupportUserLosesTheRoleAtOnceNotWhenTheTokenExpires() throws Exception {
    String email = Api.uniqueEmail();
    String userId = await(SHPAY.api().signUp(email)).bodyAsJsonObject().getString("id");
    String admin = await(SHPAY.api().login(ADMIN_EMAIL, ADMIN_PASSWORD)).bodyAsJsonObject().getString("accessToken");
    assertThat(await(setRole(admin, userId, "SUPPORT")).statusCode()).isEqualTo(200);
    String support = await(SHPAY.api().login(email, Api.PASSWORD)).bodyAsJsonObject().getString("accessToken");
    assertThat(await(SHPAY.api().get("/api/v1/users/me", support)).bodyAsJsonObject().getString("role"))
        .isEqualTo("SUPPORT");

    assertThat(await(setRole(admin, userId, "USER")).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> after = await(SHPAY.api().get("/api/v1/users/me", support));
    assertThat(after.statusCode()).as("the token that carried SUPPORT is dead").isEqualTo(401);
    String again = await(SHPAY.api().login(email, Api.PASSWORD)).bodyAsJsonObject().getString("accessToken");
    assertThat(await(SHPAY.api().get("/api/v1/users/me", again)).bodyAsJsonObject().getString("role")).isEqualTo("USER");
  }

  @Test
  void everyAnswerForbidsCachingSniffingFramingReferrersAndScripts() throws Exception {
    String token = await(SHPAY.api().newSession()).getString("accessToken");
    List<HttpResponse<Buffer>> answers = List.of(
        await(SHPAY.api().get("/api/v1/users/me", token)),
        await(SHPAY.api().get("/api/v1/users/me", null)),
        await(SHPAY.api().get("/api/v1/no-such-route", null)),
        await(SHPAY.api().get("/health/live", null)));
    for (HttpResponse<Buffer> answer : answers) {
      assertThat(answer.getHeader("Cache-Control")).isEqualTo("no-store");
      assertThat(answer.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(answer.getHeader("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
    }
  }

  @Test
  void onlyTheConfiguredBrowserOriginGetsCorsHeaders() throws Exception {
    HttpResponse<Buffer> preflight = await(SHPAY.api().request(HttpMethod.OPTIONS, "/api/v1/users/me")
        .putHeader("Origin", APP_ORIGIN).putHeader("Access-Control-Request-Method", "GET")
        .putHeader("Access-Control-Request-Headers", "Authorization").send());
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP_ORIGIN);

    HttpResponse<Buffer> foreign = await(SHPAY.api().request(HttpMethod.GET, "/api/v1/users/me")
        .putHeader("Origin", "https://evil.example.net").send());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(foreign.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  private static Future<HttpResponse<Buffer>> setRole(String adminToken, String userId, String role) {
    return SHPAY.api().request(HttpMethod.PUT, "/api/v1/admin/users/" + userId + "/role")
        .bearerTokenAuthentication(adminToken).sendJsonObject(new JsonObject().put("role", role));
  }

}
