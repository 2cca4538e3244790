package io.shpay.api;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Binds a KFTC consent to the browser that started it. {@code authorize} sets a random nonce in an
 * HttpOnly cookie scoped to {@code /api/v1/openbanking} (SameSite=Lax, so it comes back on KFTC's
 * top-level redirect; Secure when the callback is https) and hands SH Pay only its SHA-256, which
 * is stored with the state. The callback presents the cookie's digest; a browser that never asked
 * (a victim sent someone else's consent link) has no cookie, or another one, and links nothing.
 */
final class ConsentCookie {

  static final String NAME = "shpay_consent";
  private static final String PATH = "/api/v1/openbanking";

  private final SecureRandom random = new SecureRandom();
  private final boolean secure;
  private final Duration lifetime;

  ConsentCookie(boolean secure, Duration lifetime) {
    this.secure = secure;
    this.lifetime = lifetime;
  }

  /** Sets a fresh nonce on the response: its digest, to store with the state. */
  String bind(RoutingContext ctx) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ctx.response().addCookie(cookie(nonce).setMaxAge(lifetime.toSeconds()));
    return digest(nonce);
  }

  /** The digest of the nonce this browser sent; "" when it sent none. */
  String presented(RoutingContext ctx) {
    Cookie sent = ctx.request().getCookie(NAME);
    return sent == null || sent.getValue().isEmpty() ? "" : digest(sent.getValue());
  }

  /** A consent link is good for one callback: the nonce goes with it. */
  void clear(RoutingContext ctx) {
    ctx.response().addCookie(cookie("").setMaxAge(0));
  }

  private Cookie cookie(String value) {
    return Cookie.cookie(NAME, value).setPath(PATH).setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.LAX);
  }

  static String digest(String nonce) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
