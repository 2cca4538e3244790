package io.shpay.user;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The user directory, served by {@link UserVerticle} on the event bus.
 *
 * <p>Failures are {@code ServiceException}s built by {@code io.shpay.common.error.Failures}:
 * {@code email_taken} for a second account with the same email, {@code not_found} for an unknown id.
 */
@ProxyGen
@VertxGen
public interface UserService {

  String ADDRESS = "shpay.user.users";

  /** A proxy that reaches the service wherever it runs in this process. */
  static UserService proxy(Vertx vertx) {
    return new UserServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** Creates a USER with the password stored as a slow salted hash; the email is compared case-insensitively. */
  Future<UserView> signUp(SignUp request);

  Future<UserView> find(String userId);

  /**
   * Closes the account: the email, name and password hash are overwritten (the id stays, for the money records
   * that must be kept) and every session ends. Open banking and payments forget the user first (see the API's
   * account closure). {@code not_found} when there is no open account with this id.
   */
  Future<Void> close(String userId);

  /** Grants a role (ADMIN only at the HTTP layer). */
  Future<UserView> changeRole(String userId, UserRole role);
}
