package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.RunningApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Refresh-token rotation, reuse detection and logout. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionTest {

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp();

  @Test
  void aRefreshReturnsANewPairAndTheNewAccessTokenWorks() {
    JsonObject first = await(SHPAY.api().newSession());
    HttpResponse<Buffer> second = await(refresh(first.getString("refreshToken")));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.bodyAsJsonObject().getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
    HttpResponse<Buffer> me = await(SHPAY.api().get("/api/v1/users/me", second.bodyAsJsonObject().getString("accessToken")));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("role")).isEqualTo("USER");
  }

  @Test
  void reusingAnOldRefreshTokenRevokesTheWholeSession() {
    JsonObject first = await(SHPAY.api().newSession());
    HttpResponse<Buffer> rotated = await(refresh(first.getString("refreshToken")));
    HttpResponse<Buffer> reuse = await(refresh(first.getString("refreshToken")));
    assertThat(reuse.statusCode()).isEqualTo(401);
    assertThat(reuse.bodyAsJsonObject().getString("code")).isEqualTo("refresh_token_reused");

    JsonObject successor = rotated.bodyAsJsonObject();
    HttpResponse<Buffer> successorRefresh = await(refresh(successor.getString("refreshToken")));
    HttpResponse<Buffer> me = await(SHPAY.api().get("/api/v1/users/me", successor.getString("accessToken")));
    assertThat(successorRefresh.statusCode()).as("the successor refresh token is revoked too").isEqualTo(401);
    assertThat(me.statusCode()).as("access tokens of the session stop working").isEqualTo(401);
  }

  @Test
  void anUnknownRefreshTokenIsRefused() {
    HttpResponse<Buffer> response = await(refresh("not-a-token-we-ever-issued"));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("invalid_refresh_token");
  }

  @Test
  void logoutEndsTheAccessTokenAndTheRefreshToken() {
    JsonObject session = await(SHPAY.api().newSession());
    HttpResponse<Buffer> logout = await(SHPAY.api().request(HttpMethod.POST, "/api/v1/auth/logout")
        .bearerTokenAuthentication(session.getString("accessToken")).send());
    assertThat(logout.statusCode()).isEqualTo(204);
    HttpResponse<Buffer> me = await(SHPAY.api().get("/api/v1/users/me", session.getString("accessToken")));
    HttpResponse<Buffer> refreshed = await(refresh(session.getString("refreshToken")));
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(refreshed.statusCode()).isEqualTo(401);
  }

  @Test
  void twoRefreshesRacingWithOneTokenNeverBothSucceed() {
    JsonObject session = await(SHPAY.api().newSession());
    Future<HttpResponse<Buffer>> one = refresh(session.getString("refreshToken"));
    Future<HttpResponse<Buffer>> two = refresh(session.getString("refreshToken"));
    int first = await(one).statusCode();
    int second = await(two).statusCode();
    assertThat(List.of(first, second)).containsExactlyInAnyOrder(200, 401);
  }

  private Future<HttpResponse<Buffer>> refresh(String token) {
    return SHPAY.api().post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", token));
  }
}
