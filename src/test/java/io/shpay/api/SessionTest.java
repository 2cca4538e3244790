package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

/** Refresh-token rotation, reuse detection and logout. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SessionTest {

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp();

  @Test
  void aRefreshReturnsANewPairAndTheNewAccessTokenWorks(VertxTestContext ctx) {
    SHPAY.api().newSession()
        .compose(first -> refresh(first.getString("refreshToken")).map(second -> {
          ctx.verify(() -> {
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.bodyAsJsonObject().getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
          });
          return second.bodyAsJsonObject();
        }))
        .compose(second -> SHPAY.api().get("/api/v1/users/me", second.getString("accessToken")))
        .onComplete(ctx.succeeding(me -> ctx.verify(() -> {
          assertThat(me.statusCode()).isEqualTo(200);
          assertThat(me.bodyAsJsonObject().getString("role")).isEqualTo("USER");
          ctx.completeNow();
        })));
  }

  @Test
  void reusingAnOldRefreshTokenRevokesTheWholeSession(VertxTestContext ctx) {
    SHPAY.api().newSession().compose(first -> refresh(first.getString("refreshToken"))
            .compose(rotated -> refresh(first.getString("refreshToken"))
                .compose(reuse -> {
                  ctx.verify(() -> {
                    assertThat(reuse.statusCode()).isEqualTo(401);
                    assertThat(reuse.bodyAsJsonObject().getString("code")).isEqualTo("refresh_token_reused");
                  });
                  JsonObject successor = rotated.bodyAsJsonObject();
                  return refresh(successor.getString("refreshToken"))
                      .compose(successorRefresh -> SHPAY.api().get("/api/v1/users/me", successor.getString("accessToken"))
                          .map(me -> new int[] {successorRefresh.statusCode(), me.statusCode()}));
                })))
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses[0]).as("the successor refresh token is revoked too").isEqualTo(401);
          assertThat(statuses[1]).as("access tokens of the session stop working").isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownRefreshTokenIsRefused(VertxTestContext ctx) {
    refresh("not-a-token-we-ever-issued").onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("invalid_refresh_token");
      ctx.completeNow();
    })));
  }

  @Test
  void logoutEndsTheAccessTokenAndTheRefreshToken(VertxTestContext ctx) {
    SHPAY.api().newSession().compose(session -> SHPAY.api().request(io.vertx.core.http.HttpMethod.POST, "/api/v1/auth/logout")
            .bearerTokenAuthentication(session.getString("accessToken")).send()
            .compose(logout -> {
              ctx.verify(() -> assertThat(logout.statusCode()).isEqualTo(204));
              return SHPAY.api().get("/api/v1/users/me", session.getString("accessToken"));
            })
            .compose(me -> refresh(session.getString("refreshToken")).map(refresh -> new int[] {me.statusCode(),
                refresh.statusCode()})))
        .onComplete(ctx.succeeding(statuses -> ctx.verify(() -> {
          assertThat(statuses[0]).isEqualTo(401);
          assertThat(statuses[1]).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  void twoRefreshesRacingWithOneTokenNeverBothSucceed(VertxTestContext ctx) {
    SHPAY.api().newSession().compose(session -> io.vertx.core.Future.all(
            refresh(session.getString("refreshToken")), refresh(session.getString("refreshToken"))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          int first = both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(0).statusCode();
          int second = both.<io.vertx.ext.web.client.HttpResponse<?>>resultAt(1).statusCode();
          assertThat(java.util.List.of(first, second)).containsExactlyInAnyOrder(200, 401);
          ctx.completeNow();
        })));
  }

  private io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> refresh(String token) {
    return SHPAY.api().post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", token));
  }
}
