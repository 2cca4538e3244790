package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * {@link SessionService}: login with rate limits and constant-looking failures, refresh-token
 * rotation with reuse detection, and logout.
 */
final class SessionServiceImpl implements SessionService {

  private static final Logger LOG = LoggerFactory.getLogger(SessionServiceImpl.class);
  private static final Logger AUDIT = LoggerFactory.getLogger("io.shpay.audit");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final UserRepository users;
  private final RefreshTokenRepository refreshTokens;
  private final PasswordHasher hasher;
  private final AccessTokens accessTokens;
  private final LoginRateLimiter rateLimiter;
  private final SessionRevocations revocations;
  private final ShpayConfig.Auth config;
  private final Clock clock;

  SessionServiceImpl(Pool pool, UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
      AccessTokens accessTokens, LoginRateLimiter rateLimiter, SessionRevocations revocations,
      ShpayConfig.Auth config, Clock clock) {
    this.pool = pool;
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.hasher = hasher;
    this.accessTokens = accessTokens;
    this.rateLimiter = rateLimiter;
    this.revocations = revocations;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<TokenPair> login(LoginAttempt attempt) {
    String email = UserServiceImpl.normalizeEmail(attempt.email());
    return rateLimiter.admit(email, attempt.clientIp())
        .compose(ignored -> users.findCredentials(email))
        .compose(credentials -> credentials
            .map(found -> hasher.verify(attempt.password(), found.passwordHash())
                .map(matches -> matches ? found.user() : null))
            .orElseGet(() -> hasher.verifyDecoy(attempt.password()).map(ignored -> null)))
        .compose(user -> user == null
            ? Failures.<TokenPair>fail(ErrorCode.INVALID_CREDENTIALS, "The email or password is not correct.")
            : rateLimiter.clearFailures(email).compose(ignored -> startSession(user)));
  }

  @Override
  public Future<JsonObject> liftLoginLimits(String adminUserId, String email, String address) {
    String normalized = email.isEmpty() ? "" : UserServiceImpl.normalizeEmail(email);
    return rateLimiter.liftAccount(normalized).compose(account -> rateLimiter.liftAddress(address).map(onAddress -> {
      // The audit trail of who unlocked what; the email is logged only as its digest.
      AUDIT.info("Login limits lifted by admin {}: account {} ({}), address {} ({})", adminUserId,
          normalized.isEmpty() ? "-" : LoginRateLimiter.accountDigest(normalized), account ? "was limited" : "had no counter",
          address.isEmpty() ? "-" : address, onAddress ? "was limited" : "had no counter");
      return new JsonObject().put("account", account).put("address", onAddress);
    }));
  }

  private Future<TokenPair> startSession(UserView user) {
    String sessionId = UUID.randomUUID().toString();
    String refreshToken = newRefreshToken();
    Instant now = clock.instant();
    return refreshTokens.insert(pool, UUID.randomUUID().toString(), sessionId, user.id(), digest(refreshToken), now,
            now.plus(config.refreshTokenTtl()))
        .map(ignored -> pair(user.id(), user.role(), sessionId, refreshToken));
  }

  /** What a refresh transaction decided; a reuse must commit its revocation before failing. */
  private sealed interface RefreshOutcome permits Rotated, Reused, Refused {}

  private record Rotated(TokenPair tokens) implements RefreshOutcome {}

  private record Reused(String sessionId, String userId) implements RefreshOutcome {}

  private record Refused() implements RefreshOutcome {}

  @Override
  public Future<TokenPair> refresh(String refreshToken) {
    byte[] hash = digest(refreshToken);
    Instant now = clock.instant();
    return pool.<RefreshOutcome>withTransaction(connection -> refreshTokens.lock(connection, hash)
            .compose(found -> {
              if (found.isEmpty() || found.get().revoked() || !found.get().expiresAt().isAfter(now)) {
                return Future.succeededFuture(new Refused());
              }
              RefreshTokenRepository.StoredToken token = found.get();
              if (token.used()) {
                return refreshTokens.revokeFamily(connection, token.familyId(), now)
                    .map(ignored -> new Reused(token.familyId(), token.userId()));
              }
              String next = newRefreshToken();
              return refreshTokens.markUsed(connection, token.id(), now)
                  .compose(ignored -> refreshTokens.insert(connection, UUID.randomUUID().toString(),
                      token.familyId(), token.userId(), digest(next), now, now.plus(config.refreshTokenTtl())))
                  .map(ignored -> new Rotated(pair(token.userId(), token.role(), token.familyId(), next)));
            }))
        .compose(outcome -> {
          if (outcome instanceof Rotated rotated) {
            return Future.succeededFuture(rotated.tokens());
          }
          if (outcome instanceof Reused reused) {
            LOG.warn("Refresh token reused for user {}; session {} revoked", reused.userId(), reused.sessionId());
            return revocations.revoke(reused.sessionId())
                .compose(ignored -> Failures.fail(ErrorCode.REFRESH_TOKEN_REUSED,
                    "This refresh token was already used, so the session has been revoked; sign in again."));
          }
          return Failures.fail(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is unknown, expired or revoked.");
        });
  }

  @Override
  public Future<Void> logout(String sessionId) {
    return refreshTokens.revokeFamily(pool, sessionId, clock.instant())
        .compose(ignored -> revocations.revoke(sessionId));
  }

  @Override
  public Future<Boolean> isActive(String sessionId) {
    return revocations.isRevoked(sessionId).map(revoked -> !revoked);
  }

  private TokenPair pair(String userId, UserRole role, String sessionId, String refreshToken) {
    return new TokenPair(accessTokens.issue(userId, role, sessionId), refreshToken, accessTokens.lifetimeSeconds());
  }

  private static String newRefreshToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
