package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

/** The verifier's memory skips re-checking a signature it already checked, and nothing more. */
class VerifiedTokensTest {

  /** Accepts tokens starting with "good", each with the exp (epoch seconds) after the dash; counts its calls. */
  private static final class CountingVerifier implements JWTAuth {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Future<User> authenticate(Credentials credentials) {
      calls.incrementAndGet();
      String token = body(((TokenCredentials) credentials).getToken());
      if (!token.startsWith("good")) {
        return Future.failedFuture("bad signature");
      }
      long exp = Long.parseLong(token.substring(token.indexOf('-') + 1));
      JsonObject claims = new JsonObject().put("sub", "u1").put("exp", exp);
      return Future.succeededFuture(User.create(new JsonObject().put("access_token", token),
          new JsonObject().put("accessToken", claims).put("exp", exp)));
    }

    @Override
    public String generateToken(JsonObject claims, JWTOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String generateToken(JsonObject claims) {
      throw new UnsupportedOperationException();
    }
  }

  /** A compact JWT's shape around {@code body} (the fake verifier reads it back), with a 64-byte signature. */
  private static String jwt(String body) {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"ES256\"}".getBytes()) + "." + b64.encodeToString(body.getBytes()) + "."
        + b64.encodeToString(new byte[64]);
  }

  private static String body(String jwt) {
    return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static Future<User> attempt(VerifiedTokens tokens, String body) {
    // The fake verifier answers at once, so every answer is already complete: a pending one is a failure too.
    Future<User> result = tokens.authenticate(new TokenCredentials(body.contains(".") ? body : jwt(body)));
    assertThat(result.isComplete()).as("answered at once, accepted or refused").isTrue();
    return result;
  }

  private static User accepted(VerifiedTokens tokens, String body) {
    Future<User> result = attempt(tokens, body);
    assertThat(result.succeeded()).as("accepted: " + result.cause()).isTrue();
    return result.result();
  }

  /** A token that was refused (the future failed), never one whose answer is still outstanding. */
  private static Throwable refused(VerifiedTokens tokens, String body) {
    Future<User> result = attempt(tokens, body);
    assertThat(result.failed()).as("refused").isTrue();
    return result.cause();
  }

  @Test
  void aTokenThatVerifiedOnceIsAcceptedAgainWithoutCheckingItsSignatureAgain() {
    CountingVerifier verifier = new CountingVerifier();
    VerifiedTokens tokens = new VerifiedTokens(verifier);
    String token = "good-" + (System.currentTimeMillis() / 1000 + 900);
    User first = accepted(tokens, token);
    User second = accepted(tokens, token);
    assertThat(second).isNotSameAs(first);
    assertThat(second.attributes().getJsonObject("accessToken").getString("sub")).isEqualTo("u1");
    assertThat(verifier.calls).hasValue(1);
  }

  @Test
  void aTokenThatFailedIsCheckedAndRefusedEveryTime() {
    CountingVerifier verifier = new CountingVerifier();
    VerifiedTokens tokens = new VerifiedTokens(verifier);
    assertThat(refused(tokens, "forged-1")).hasMessage("bad signature");
    assertThat(refused(tokens, "forged-1")).hasMessage("bad signature");
    assertThat(verifier.calls).hasValue(2);
  }

  @Test
  void anExpiredTokenIsNotAcceptedFromMemory() {
    CountingVerifier verifier = new CountingVerifier();
    VerifiedTokens tokens = new VerifiedTokens(verifier);
    String expired = "good-" + (System.currentTimeMillis() / 1000 - 60);
    accepted(tokens, expired); // the fake verifier ignores exp; the memory must not
    accepted(tokens, expired);
    assertThat(verifier.calls).hasValue(2);
  }

  @Test
  void aTokenWithACharacterAppendedToItsSignatureIsRefusedBeforeAnyCheck() {
    CountingVerifier verifier = new CountingVerifier();
    VerifiedTokens tokens = new VerifiedTokens(verifier);
    String token = jwt("good-" + (System.currentTimeMillis() / 1000 + 900));
    accepted(tokens, token);
    for (String tampered : java.util.List.of(token + "x", token + "A", token.substring(0, token.length() - 1))) {
      assertThat(refused(tokens, tampered)).as(tampered).hasMessageContaining("canonical base64url");
    }
    assertThat(verifier.calls).as("only the genuine token reached the signature check").hasValue(1);
  }
}
