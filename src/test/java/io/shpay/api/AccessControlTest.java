package io.shpay.api;

import static io.shpay.testing.Await.await;
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
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** 401 for every kind of bad token, 403 for a wrong role, and what an admin may do. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessControlTest {

  private static final String ADMIN_EMAIL = "root-admin@example.com";
  private static final String ADMIN_PASSWORD = "admin password for tests";

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject()
      .put("SHPAY_ADMIN_EMAIL", ADMIN_EMAIL).put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD));

  @Test
  void noTokenGets401Problem() {
    assertUnauthenticated(await(SHPAY.api().request(HttpMethod.GET, "/api/v1/users/me").send()));
  }

  @Test
  void aTokenMintedWithTheConfiguredKeyIsAccepted(Vertx vertx) {
    // The control for the two tests below: the same minting with the right key and a live expiry works.
    JsonObject session = await(SHPAY.api().newSession());
    JsonObject claims = claimsOf(session.getString("accessToken"));
    long now = Instant.now().getEpochSecond();
    claims.put("iat", now).put("exp", now + 300);
    HttpResponse<Buffer> response = await(SHPAY.api().get("/api/v1/users/me", sign(vertx, TestApp.KEYS, claims)));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void anExpiredTokenGets401(Vertx vertx) {
    JsonObject session = await(SHPAY.api().newSession());
    JsonObject claims = claimsOf(session.getString("accessToken"));
    long past = Instant.now().minusSeconds(3600).getEpochSecond();
    claims.put("iat", past - 900).put("exp", past);
    assertUnauthenticated(await(SHPAY.api().get("/api/v1/users/me", sign(vertx, TestApp.KEYS, claims))));
  }

  @Test
  void aTokenSignedWithAnotherKeyGets401(Vertx vertx) {
    JsonObject session = await(SHPAY.api().newSession());
    assertUnauthenticated(await(SHPAY.api().get("/api/v1/users/me",
        sign(vertx, SigningKeys.generate(), claimsOf(session.getString("accessToken"))))));
  }

  @Test
  void aTokenWithATamperedRoleGets401() {
    JsonObject session = await(SHPAY.api().newSession());
    String[] parts = session.getString("accessToken").split("\\.");
    JsonObject claims = claimsOf(session.getString("accessToken")).put("role", "ADMIN");
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(claims.encode().getBytes());
    assertUnauthenticated(await(SHPAY.api().get("/api/v1/users/me", parts[0] + "." + payload + "." + parts[2])));
  }

  @Test
  void garbageAndUnsignedTokensGet401() {
    String unsigned = "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"sub\":\"x\",\"role\":\"ADMIN\",\"sid\":\"s\",\"iss\":\"shpay\"}".getBytes()) + ".";
    assertUnauthenticated(await(SHPAY.api().get("/api/v1/users/me", "garbage")));
    assertUnauthenticated(await(SHPAY.api().get("/api/v1/users/me", unsigned)));
  }

  @Test
  void aUserCannotUseAnAdminRoute() {
    JsonObject session = await(SHPAY.api().newSession());
    HttpResponse<Buffer> response = await(changeRole(session.getString("accessToken"), "any-id", "ADMIN"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("forbidden");
  }

  @Test
  void theSeededAdminCanMakeSomeoneSupport() {
    String email = Api.uniqueEmail();
    HttpResponse<Buffer> created = await(SHPAY.api().signUp(email));
    HttpResponse<Buffer> adminLogin = await(SHPAY.api().login(ADMIN_EMAIL, ADMIN_PASSWORD));
    assertThat(adminLogin.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> response = await(changeRole(adminLogin.bodyAsJsonObject().getString("accessToken"),
        created.bodyAsJsonObject().getString("id"), "support"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("email")).isEqualTo(email);
    assertThat(response.bodyAsJsonObject().getString("role")).isEqualTo("SUPPORT");
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
