package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
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
import java.util.List;
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
            : rateLimiter.clearFailures(email).compose(ignored -> startSession(user, attempt.clientIp())));
  }

  @Override
  public Future<LiftedLoginLimits> liftLoginLimits(String adminUserId, String email, String address) {
    String normalized = email.isEmpty() ? "" : UserServiceImpl.normalizeEmail(email);
    return rateLimiter.liftAccount(normalized).compose(account -> rateLimiter.liftAddress(address).map(onAddress -> {
      // The audit trail of who unlocked what; the email is logged only as its digest.
      AUDIT.info("Login limits lifted by admin {}: account {} ({}), address {} ({})", adminUserId,
          normalized.isEmpty() ? "-" : LoginRateLimiter.accountDigest(normalized), account ? "was limited" : "had no counter",
          address.isEmpty() ? "-" : address, onAddress ? "was limited" : "had no counter");
      return new LiftedLoginLimits(account, onAddress);
    }));
  }

  private Future<TokenPair> startSession(UserView user, String clientAddress) {
    String sessionId = UUID.randomUUID().toString();
    String refreshToken = newRefreshToken();
    Instant now = clock.instant();
    return refreshTokens.insert(pool, UUID.randomUUID().toString(), sessionId, user.id(), digest(refreshToken), now,
            now.plus(config.refreshTokenTtl()), clientAddress)
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
                      token.familyId(), token.userId(), digest(next), now, now.plus(config.refreshTokenTtl()), null))
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
  public Future<List<SessionView>> sessions(String userId, String currentSessionId) {
    return refreshTokens.liveSessionsOf(pool, userId, clock.instant()).map(live -> live.stream()
        .map(session -> new SessionView(session.id(), session.id().equals(currentSessionId), session.startedAt(),
            session.lastActiveAt(), session.expiresAt(), session.clientAddress()))
        .toList());
  }

  @Override
  public Future<Void> endSession(String userId, String sessionId) {
    return refreshTokens.revokeLiveFamilyOf(pool, userId, sessionId, clock.instant()).compose(ended -> ended
        ? revocations.revoke(sessionId)
        : Failures.fail(ErrorCode.NOT_FOUND, "No session with this id."));
  }

  /**
   * Counted like a login against the account and the address: a stolen access token must not become a way to guess
   * the password without limit (and then change it, or close the account).
   */
  @Override
  public Future<Void> confirmPassword(String userId, String password, String clientIp) {
    return users.findCredentialsById(userId).compose(found -> {
      if (found.isEmpty()) {
        return Failures.<Void>fail(ErrorCode.NOT_FOUND, "No user with this id.");
      }
      String email = found.get().user().email();
      return rateLimiter.admit(email, clientIp)
          .compose(admitted -> hasher.verify(password, found.get().passwordHash()))
          .compose(matches -> matches ? rateLimiter.clearFailures(email)
              : Failures.<Void>fail(ErrorCode.WRONG_PASSWORD, "The current password is not correct."));
    });
  }

  /** A new password ends every other session: whoever knew the old one and signed in with it is out. */
  @Override
  public Future<Void> changePassword(String userId, String sessionId, String currentPassword, String newPassword,
      String clientIp) {
    Instant now = clock.instant();
    return confirmPassword(userId, currentPassword, clientIp)
        .compose(confirmed -> hasher.hash(newPassword))
        .compose(hash -> users.updatePassword(userId, hash, now))
        .compose(updated -> refreshTokens.liveSessionsOf(pool, userId, now))
        .compose(live -> Future.all(live.stream().filter(session -> !session.id().equals(sessionId))
            .map(session -> refreshTokens.revokeFamily(pool, session.id(), now)
                .compose(revoked -> revocations.revoke(session.id())))
            .toList()))
        .onSuccess(done -> AUDIT.info("Password changed by user {}; their other sessions ended", userId))
        .mapEmpty();
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
