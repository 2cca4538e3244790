package io.shpay.user;

import io.shpay.common.db.SqlTime;
import io.shpay.common.db.SqlErrors;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/** SQL for the {@code users} table; the only code that reads or writes it. */
final class UserRepository {

  private static final String COLUMNS = "id, email, name, role, created_at";
  private static final String INSERT = """
      INSERT INTO users (id, email, name, password_hash, role, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";
  /** A closed account is gone for every purpose but the money records that keep its id. */
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users WHERE id = ? AND closed_at IS NULL";
  private static final String CREDENTIALS_BY_ID =
      "SELECT " + COLUMNS + ", password_hash FROM users WHERE id = ? AND closed_at IS NULL";
  private static final String UPDATE_PASSWORD = "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?";
  /**
   * Overwrites what identifies the person. The email becomes one no one can own (the reserved {@code .invalid}
   * domain), which frees the real one for a new account; the hash becomes a string no password matches.
   */
  private static final String CLOSE = """
      UPDATE users SET email = ?, name = ?, password_hash = ?, closed_at = ?, updated_at = ?
      WHERE id = ? AND closed_at IS NULL""";
  private static final String CREDENTIALS_BY_EMAIL =
      "SELECT " + COLUMNS + ", password_hash FROM users WHERE email = ?";
  private static final String UPDATE_ROLE = "UPDATE users SET role = ?, updated_at = ? WHERE id = ?";

  /** A user with the stored hash, for login only. */
  record Credentials(UserView user, String passwordHash) {}

  private final Pool pool;

  UserRepository(Pool pool) {
    this.pool = pool;
  }

  Future<UserView> insert(UserView user, String passwordHash) {
    LocalDateTime created = SqlTime.utc(user.createdAt());
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(user.id(), user.email(), user.name(), passwordHash, user.role().name(), created, created))
        .map(user)
        .recover(failure -> SqlErrors.isDuplicateKey(failure)
            ? Failures.fail(ErrorCode.EMAIL_TAKEN, "An account with this email already exists.")
            : Future.failedFuture(failure));
  }

  Future<Optional<UserView>> findById(String id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(first(UserRepository::toView));
  }

  Future<Optional<Credentials>> findCredentials(String email) {
    return pool.preparedQuery(CREDENTIALS_BY_EMAIL).execute(Tuple.of(email))
        .map(first(row -> new Credentials(toView(row), row.getString("password_hash"))));
  }

  Future<Optional<Credentials>> findCredentialsById(String id) {
    return pool.preparedQuery(CREDENTIALS_BY_ID).execute(Tuple.of(id))
        .map(first(row -> new Credentials(toView(row), row.getString("password_hash"))));
  }

  Future<Void> updatePassword(String id, String passwordHash, Instant now) {
    return pool.preparedQuery(UPDATE_PASSWORD).execute(Tuple.of(passwordHash, SqlTime.utc(now), id)).mapEmpty();
  }

  /** Pseudonymises the account; false when it was closed already (or never existed). */
  Future<Boolean> close(String id, Instant now) {
    return pool.preparedQuery(CLOSE).execute(Tuple.from(new Object[] {"closed-" + id + "@closed.invalid",
            CLOSED_NAME, CLOSED_HASH, SqlTime.utc(now), SqlTime.utc(now), id}))
        .map(result -> result.rowCount() > 0);
  }

  /** What a closed account is called where an old record shows it. */
  static final String CLOSED_NAME = "(closed account)";
  /** Not a PHC string: no password verifies against it, and login never gets here (the email is gone). */
  static final String CLOSED_HASH = "!closed";

  Future<Boolean> updateRole(String id, UserRole role, Instant now) {
    return pool.preparedQuery(UPDATE_ROLE).execute(Tuple.of(role.name(), SqlTime.utc(now), id))
        .map(result -> result.rowCount() > 0);
  }

  private static UserView toView(Row row) {
    return new UserView(row.getString("id"), row.getString("email"), row.getString("name"),
        UserRole.valueOf(row.getString("role")), row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC));
  }

  private static <T> Function<RowSet<Row>, Optional<T>> first(Function<Row, T> mapper) {
    return rows -> {
      var iterator = rows.iterator();
      return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
    };
  }

}
