package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.RunningApp;
import io.shpay.testing.TestApp;
import io.shpay.user.SigningKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** 401 for every kind of bad token, 403 for a wrong role, and what an admin may do. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AccessControlTest {

  private static final String ADMIN_EMAIL = "root-admin@example.com";
  private static final String ADMIN_PASSWORD = "admin password for tests";

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject()
      .put("SHPAY_ADMIN_EMAIL", ADMIN_EMAIL).put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD));

  @Test
  void noTokenGets401Problem(VertxTestContext ctx) {
    SHPAY.api().request(HttpMethod.GET, "/api/v1/users/me").send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertUnauthenticated(response);
      ctx.completeNow();
    })));
  }

  @Test
  void anEmptyBearerTokenIs401LikeNoTokenNot400() throws Exception {
    // "Authorization: Bearer $TOKEN" with TOKEN unset, as a pasted README command sends it.
    for (String header : new String[] {"Bearer ", "Bearer", "bearer   "}) {
      HttpResponse<Buffer> response = SHPAY.api().request(HttpMethod.GET, "/api/v1/users/me")
          .putHeader("Authorization", header).send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertUnauthenticated(response);
      assertThat(response.bodyAsJsonObject().getString("detail")).as(header).contains("bearer token is empty");
    }
  }

  @Test
  void aTokenMintedWithTheConfiguredKeyIsAccepted(Vertx vertx, VertxTestContext ctx) {
    // The control for the two tests below: the same minting with the right key and a live expiry works.
    SHPAY.api().newSession().compose(session -> {
      JsonObject claims = claimsOf(session.getString("accessToken"));
      long now = Instant.now().getEpochSecond();
      claims.put("iat", now).put("exp", now + 300);
      return SHPAY.api().get("/api/v1/users/me", sign(vertx, TestApp.KEYS, claims));
    }).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      ctx.completeNow();
    })));
  }

  @Test
  void anExpiredTokenGets401(Vertx vertx, VertxTestContext ctx) {
    SHPAY.api().newSession().compose(session -> {
      JsonObject claims = claimsOf(session.getString("accessToken"));
      long past = Instant.now().minusSeconds(3600).getEpochSecond();
      claims.put("iat", past - 900).put("exp", past);
      return SHPAY.api().get("/api/v1/users/me", sign(vertx, TestApp.KEYS, claims));
    }).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertUnauthenticated(response);
      ctx.completeNow();
    })));
  }

  @Test
  void aTokenSignedWithAnotherKeyGets401(Vertx vertx, VertxTestContext ctx) {
    SHPAY.api().newSession()
        .compose(session -> SHPAY.api().get("/api/v1/users/me",
            sign(vertx, SigningKeys.generate(), claimsOf(session.getString("accessToken")))))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertUnauthenticated(response);
          ctx.completeNow();
        })));
  }

  @Test
  void aTokenWithATamperedRoleGets401(VertxTestContext ctx) {
    SHPAY.api().newSession().compose(session -> {
      String[] parts = session.getString("accessToken").split("\\.");
      JsonObject claims = claimsOf(session.getString("accessToken")).put("role", "ADMIN");
      String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(claims.encode().getBytes());
      return SHPAY.api().get("/api/v1/users/me", parts[0] + "." + payload + "." + parts[2]);
    }).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertUnauthenticated(response);
      ctx.completeNow();
    })));
  }

  @Test
  void garbageAndUnsignedTokensGet401(VertxTestContext ctx) {
    String unsigned = "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"sub\":\"x\",\"role\":\"ADMIN\",\"sid\":\"s\",\"iss\":\"shpay\"}".getBytes()) + ".";
    Future.all(SHPAY.api().get("/api/v1/users/me", "garbage"), SHPAY.api().get("/api/v1/users/me", unsigned))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertUnauthenticated(both.resultAt(0));
          assertUnauthenticated(both.resultAt(1));
          ctx.completeNow();
        })));
  }

  @Test
  void aUserCannotUseAnAdminRoute(VertxTestContext ctx) {
    SHPAY.api().newSession().compose(session -> changeRole(session.getString("accessToken"), "any-id", "ADMIN"))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(403);
          assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
          assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("forbidden");
          ctx.completeNow();
        })));
  }

  @Test
  void theSeededAdminCanMakeSomeoneSupport(VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    SHPAY.api().signUp(email)
        .compose(created -> SHPAY.api().login(ADMIN_EMAIL, ADMIN_PASSWORD).compose(adminLogin -> {
          ctx.verify(() -> assertThat(adminLogin.statusCode()).isEqualTo(200));
          return changeRole(adminLogin.bodyAsJsonObject().getString("accessToken"),
              created.bodyAsJsonObject().getString("id"), "support");
        }))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getString("email")).isEqualTo(email);
          assertThat(response.bodyAsJsonObject().getString("role")).isEqualTo("SUPPORT");
          ctx.completeNow();
        })));
  }

  private Future<HttpResponse<Buffer>> changeRole(String accessToken, String userId, String role) {
    return SHPAY.api().request(HttpMethod.PUT, "/api/v1/admin/users/" + userId + "/role")
        .bearerTokenAuthentication(accessToken)
        .sendJsonObject(new JsonObject().put("role", role));
  }

  private static void assertUnauthenticated(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("unauthenticated");
  }

  private static JsonObject claimsOf(String jwt) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1])));
  }

  private static String sign(Vertx vertx, SigningKeys.Pem keys, JsonObject claims) {
    JWTAuth signer = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.privateKey().reveal()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.publicKey())));
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
  }
}
