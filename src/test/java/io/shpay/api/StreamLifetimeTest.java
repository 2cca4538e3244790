package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.RunningApp;
import io.shpay.testing.SseClient;
import io.shpay.testing.TestApp;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** An event stream lives no longer than its session and its token, is capped, and lets browsers in by ticket. */
class StreamLifetimeTest {

  private static final int STREAMS_PER_USER = 2;

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject()
      .put("SHPAY_NOTIFICATIONS_STREAMS_PER_USER", STREAMS_PER_USER)
      .put("SHPAY_NOTIFICATIONS_STREAM_SESSION_CHECK", "PT0.2S")
      .put("SHPAY_NOTIFICATIONS_STREAM_TICKET_TTL", "PT5S"));

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void logoutEndsAnOpenStreamAtOnce() throws Exception {
    String token = await(SHPAY.api().newSession()).getString("accessToken");
    SseClient stream = await(open("/api/v1/notifications", token));
    await(stream.awaitComment("connected"));

    HttpResponse<Buffer> logout = await(SHPAY.api().request(HttpMethod.POST, "/api/v1/auth/logout")
        .bearerTokenAuthentication(token).send());
    assertThat(logout.statusCode()).isEqualTo(204);

    SseClient.Event ended = await(stream.await(e -> e.event().equals("session-ended"), "the end of the session"));
    assertThat(ended.json().getString("reason")).isEqualTo("session_ended");
    await(stream.close());
  }

  @Test
  void aStreamEndsWhenItsAccessTokenExpires() throws Exception {
    String token = await(SHPAY.api().newSession()).getString("accessToken");
    JsonObject claims = claims(token);
    String shortLived = signer().generateToken(new JsonObject().put("role", claims.getString("role"))
        .put("sid", claims.getString("sid")), new JWTOptions().setAlgorithm("ES256").setSubject(claims.getString("sub"))
        .setIssuer("shpay").setExpiresInSeconds(2));
    SseClient stream = await(open("/api/v1/notifications", shortLived));
    await(stream.awaitComment("connected"));

    SseClient.Event ended = await(stream.await(e -> e.event().equals("session-ended"), "the token's expiry"));
    assertThat(ended.json().getString("reason")).isEqualTo("token_expired");
    await(stream.close());
  }

  @Test
  void oneUserCannotHoldMoreStreamsThanTheCapAndAClosedOneFreesItsSlot() throws Exception {
    String token = await(SHPAY.api().newSession()).getString("accessToken");
    SseClient first = await(open("/api/v1/notifications", token));
    SseClient second = await(open("/api/v1/notifications", token));
    await(second.awaitComment("connected"));

    HttpResponse<Buffer> refused = await(SHPAY.api().get("/api/v1/notifications", token));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isPositive();
    assertThat(refused.getHeader("RateLimit")).startsWith("limit=" + STREAMS_PER_USER + ", remaining=0");

    await(first.close());
    SseClient third = await(io.shpay.testing.Eventually.until(vertx,
        () -> open("/api/v1/notifications", token).recover(refusal -> Future.succeededFuture(null)),
        opened -> opened != null, "a slot freed by the closed stream"));
    await(third.close());
    await(second.close());
  }

  @Test
  void aBrowserOpensTheStreamOnceWithAShortLivedTicketInsteadOfItsToken() throws Exception {
    String token = await(SHPAY.api().newSession()).getString("accessToken");
    HttpResponse<Buffer> issued = await(SHPAY.api().request(HttpMethod.POST, "/api/v1/notifications/tickets")
        .bearerTokenAuthentication(token).send());
    assertThat(issued.statusCode()).isEqualTo(201);
    assertThat(issued.getHeader("Cache-Control")).isEqualTo("no-store");
    String ticket = issued.bodyAsJsonObject().getString("ticket");
    assertThat(issued.bodyAsJsonObject().getLong("expiresIn")).isEqualTo(5L);

    SseClient stream = await(open("/api/v1/notifications?ticket=" + ticket, null));
    await(stream.awaitComment("connected"));

    HttpResponse<Buffer> again = await(SHPAY.api().get("/api/v1/notifications?ticket=" + ticket, null));
    assertThat(again.statusCode()).as("a ticket opens one stream once").isEqualTo(401);
    assertThat(again.bodyAsJsonObject().getString("code")).isEqualTo("unauthenticated");
    assertThat(await(SHPAY.api().get("/api/v1/notifications?ticket=made-up", null)).statusCode()).isEqualTo(401);

    // The stream opened by ticket still ends with the session that asked for the ticket.
    await(SHPAY.api().request(HttpMethod.POST, "/api/v1/auth/logout").bearerTokenAuthentication(token).send());
    await(stream.await(e -> e.event().equals("session-ended"), "the end of the ticket's session"));
    await(stream.close());
  }

  private static Future<SseClient> open(String path, String token) {
    return SseClient.open(vertx, SHPAY.app().port(), path, token, null);
  }

  private static JsonObject claims(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static JWTAuth signer() {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(TestApp.KEYS.privateKey().reveal()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(TestApp.KEYS.publicKey())));
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
