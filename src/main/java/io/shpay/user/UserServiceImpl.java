package io.shpay.user;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/** {@link UserService} over MySQL. Input shape is checked at the HTTP edge; rules of the domain live here. */
final class UserServiceImpl implements UserService {

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final Clock clock;

  UserServiceImpl(UserRepository users, PasswordHasher hasher, Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.clock = clock;
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

  @Override
  public Future<UserView> changeRole(String userId, UserRole role) {
    return users.updateRole(userId, role, clock.instant())
        .compose(updated -> updated ? find(userId) : Failures.fail(ErrorCode.NOT_FOUND, "No user with this id."));
  }

  /** Emails are unique regardless of case: stored and looked up in lower case. */
  static String normalizeEmail(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
