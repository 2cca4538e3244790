package io.shpay.user;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/** {@link UserService} over MySQL. Input shape is checked at the HTTP edge; rules of the domain live here. */
final class UserServiceImpl implements UserService {

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Pool pool;
  private final RefreshTokenRepository refreshTokens;
  private final SessionRevocations revocations;

  UserServiceImpl(UserRepository users, PasswordHasher hasher, Clock clock, Pool pool,
      RefreshTokenRepository refreshTokens, SessionRevocations revocations) {
    this.users = users;
    this.hasher = hasher;
    this.clock = clock;
    this.pool = pool;
    this.refreshTokens = refreshTokens;
    this.revocations = revocations;
  }

  @Override
  public Future<UserView> signUp(SignUp request) {
    return create(request, UserRole.USER);
  }

  Future<UserView> create(SignUp request, UserRole role) {
    UserView user = new UserView(UUID.randomUUID().toString(), normalizeEmail(request.email()),
        request.name(), role, clock.instant().truncatedTo(ChronoUnit.MILLIS)); // what DATETIME(3) keeps
    return hasher.hash(request.password()).compose(hash -> users.insert(user, hash));
  }

  @Override
  public Future<UserView> find(String userId) {
    return users.findById(userId).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No user with this id.")));
  }

  /**
   * A role lives in the access tokens already issued, so a changed role ends every session of the user at once: a
   * demoted ADMIN or SUPPORT must not keep the role until their tokens expire. They sign in again with the new one.
   */
  @Override
  public Future<UserView> changeRole(String userId, UserRole role) {
    return users.findById(userId).compose(found -> {
      if (found.isEmpty()) {
        return Failures.fail(ErrorCode.NOT_FOUND, "No user with this id.");
      }
      if (found.get().role() == role) {
        return Future.succeededFuture(found.get());
      }
      return users.updateRole(userId, role, clock.instant())
          .compose(updated -> endSessions(userId))
          .compose(ignored -> find(userId));
    });
  }

  @Override
  public Future<Void> close(String userId) {
    return users.close(userId, clock.instant()).compose(closed -> closed
        ? endSessions(userId)
        : Failures.fail(ErrorCode.NOT_FOUND, "No user with this id."));
  }

  private Future<Void> endSessions(String userId) {
    return refreshTokens.revokeAllOf(pool, userId, clock.instant()).compose(sessions ->
        Future.all(sessions.stream().map(revocations::revoke).toList()).mapEmpty());
  }

  /** Emails are unique regardless of case: stored and looked up in lower case. */
  static String normalizeEmail(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
