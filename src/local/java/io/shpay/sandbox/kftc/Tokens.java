package io.shpay.sandbox.kftc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authorization codes, access tokens and refresh tokens. Tokens are opaque random strings (the
 * spec says clients treat KFTC's JWTs as opaque); what they grant is kept here. Everything except
 * {@link #expireAllAccessTokens()} runs on the sandbox's context.
 */
final class Tokens {

  static final Duration CODE_TTL = Duration.ofMinutes(10);
  static final Duration REFRESH_EXTRA = Duration.ofDays(10);

  /** What an access token allows: a person's scopes, or the institution's {@code oob}. */
  record AccessGrant(String userSeqNo, List<String> scopes, Instant expiresAt, long serial) {

    boolean oob() {
      return userSeqNo == null;
    }
  }

  record RefreshGrant(String userSeqNo, List<String> scopes, Instant expiresAt) {
  }

  record AuthCode(String clientId, String redirectUri, String userSeqNo, List<String> scopes, Instant expiresAt) {
  }

  /** A token response; {@code refreshToken} and {@code userSeqNo} are null for oob. */
  record Issued(String accessToken, String refreshToken, long expiresIn, String scope, String userSeqNo) {
  }

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration accessTtl;
  private final Map<String, AuthCode> codes = new HashMap<>();
  private final Map<String, AccessGrant> access = new HashMap<>();
  private final Map<String, RefreshGrant> refresh = new HashMap<>();
  private final AtomicLong serials = new AtomicLong();
  /** Access tokens with a serial at or below this are expired: the test hook, safe from any thread. */
  private final AtomicLong expiredUpTo = new AtomicLong();

  Tokens(Clock clock, Duration accessTtl) {
    this.clock = clock;
    this.accessTtl = accessTtl;
  }

  String issueCode(String clientId, String redirectUri, String userSeqNo, List<String> scopes) {
    Instant now = clock.instant();
    codes.values().removeIf(code -> !code.expiresAt().isAfter(now));
    String code = randomToken(24);
    codes.put(code, new AuthCode(clientId, redirectUri, userSeqNo, scopes, now.plus(CODE_TTL)));
    return code;
  }

  /** The code's grant, or null if unknown, used or expired. A code is spent by its first presentation. */
  AuthCode takeCode(String code) {
    AuthCode grant = code == null ? null : codes.remove(code);
    return grant == null || !grant.expiresAt().isAfter(clock.instant()) ? null : grant;
  }

  Issued issueForUser(String userSeqNo, List<String> scopes) {
    Instant now = clock.instant();
    refresh.values().removeIf(grant -> !grant.expiresAt().isAfter(now));
    String accessToken = newAccess(userSeqNo, scopes, now);
    String refreshToken = randomToken(32);
    refresh.put(refreshToken, new RefreshGrant(userSeqNo, scopes, now.plus(accessTtl).plus(REFRESH_EXTRA)));
    return new Issued(accessToken, refreshToken, accessTtl.toSeconds(), Scopes.join(scopes), userSeqNo);
  }

  Issued issueOob() {
    return new Issued(newAccess(null, List.of(Scopes.OOB), clock.instant()), null, accessTtl.toSeconds(), Scopes.OOB,
        null);
  }

  /** The refresh grant, spent by this call (rotation), or null if unknown, spent or expired. */
  RefreshGrant takeRefresh(String refreshToken) {
    RefreshGrant grant = refreshToken == null ? null : refresh.remove(refreshToken);
    return grant == null || !grant.expiresAt().isAfter(clock.instant()) ? null : grant;
  }

  /** The grant of a live access token, or null if unknown or expired. */
  AccessGrant access(String accessToken) {
    AccessGrant grant = access.get(accessToken);
    if (grant == null) {
      return null;
    }
    if (grant.serial() <= expiredUpTo.get() || !grant.expiresAt().isAfter(clock.instant())) {
      access.remove(accessToken);
      return null;
    }
    return grant;
  }

  /** Every token of the person stops working (user/close); codes not yet exchanged are spent too. */
  void revokePerson(String userSeqNo) {
    codes.values().removeIf(code -> userSeqNo.equals(code.userSeqNo()));
    access.values().removeIf(grant -> userSeqNo.equals(grant.userSeqNo()));
    refresh.values().removeIf(grant -> userSeqNo.equals(grant.userSeqNo()));
  }

  /** Every access token issued so far stops working; refresh tokens keep working. Thread-safe. */
  void expireAllAccessTokens() {
    expiredUpTo.set(serials.get());
  }

  private String newAccess(String userSeqNo, List<String> scopes, Instant now) {
    access.values().removeIf(grant -> grant.serial() <= expiredUpTo.get() || !grant.expiresAt().isAfter(now));
    String token = randomToken(32);
    access.put(token, new AccessGrant(userSeqNo, scopes, now.plus(accessTtl), serials.incrementAndGet()));
    return token;
  }

  private String randomToken(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
