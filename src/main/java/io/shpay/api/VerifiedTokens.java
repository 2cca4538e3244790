package io.shpay.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The access-token verifier, remembering the tokens it has already verified. Checking an ES256 signature is the
 * costliest thing an authenticated request does (the benchmark's profile put about two thirds of the service's CPU
 * there under load), and a client presents the same token on every request for up to 15 minutes. A token string
 * that verified before is accepted again without re-checking its signature until it expires; the claims are a pure
 * function of that exact string, so nothing else changes. Revocation does not depend on this: the session is checked
 * on every request ({@code Authentication.checkSession}). Bounded: cleared when full.
 */
final class VerifiedTokens implements JWTAuth {

  static final int MAX_ENTRIES = 10_000;
  private static final int ES256_SIGNATURE_CHARS = 86;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

  private final JWTAuth verifier;
  private final Map<String, User> verified = new ConcurrentHashMap<>();

  VerifiedTokens(JWTAuth verifier) {
    this.verifier = verifier;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token) || token.getToken() == null
        || (token.getScopes() != null && !token.getScopes().isEmpty())) {
      return verifier.authenticate(credentials);
    }
    String raw = token.getToken();
    // A remembered string passed the canonical check when it was verified (the check reads the string alone), so
    // only a string not seen before pays for it: split, pattern and base64 round trip of each segment.
    User known = verified.get(raw);
    if (known != null) {
      if (!known.expired()) {
        return Future.succeededFuture(copy(known));
      }
      verified.remove(raw);
    }
    if (!canonical(raw)) {
      return Future.failedFuture("The access token is not a compact ES256 JWT in canonical base64url");
    }
    return verifier.authenticate(credentials).onSuccess(user -> {
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
      verified.put(raw, copy(user));
    });
  }

  /**
   * Base64url decoders forgive trailing characters and stray bits, so {@code <token>x} would carry the same signature
   * bytes and still verify. Only the one canonical spelling of each segment is accepted, and an ES256 signature is
   * exactly 64 bytes: 86 characters.
   */
  static boolean canonical(String token) {
    String[] segments = token.split("\\.", -1);
    if (segments.length != 3 || segments[2].length() != ES256_SIGNATURE_CHARS) {
      return false;
    }
    for (String segment : segments) {
      if (segment.isEmpty() || !BASE64URL.matcher(segment).matches()) {
        return false;
      }
      try {
        byte[] bytes = Base64.getUrlDecoder().decode(segment);
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment)) {
          return false;
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return true;
  }

  /** Handlers may add to a request's user; each request gets its own. */
  private static User copy(User user) {
    return User.create(user.principal().copy(), user.attributes().copy());
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    return verifier.generateToken(claims, options);
  }

  @Override
  public String generateToken(JsonObject claims) {
    return verifier.generateToken(claims);
  }
}
