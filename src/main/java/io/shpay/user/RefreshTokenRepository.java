package io.shpay.user;

import io.shpay.common.db.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** SQL for the {@code refresh_tokens} table; tokens are only ever stored as SHA-256 digests. */
final class RefreshTokenRepository {

  private static final String INSERT = """
      INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at, client_address)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";
  private static final String LOCK_BY_HASH = """
      SELECT t.id, t.family_id, t.user_id, t.expires_at, t.used_at, t.revoked_at, u.role
      FROM refresh_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ? FOR UPDATE""";
  private static final String MARK_USED = "UPDATE refresh_tokens SET used_at = ? WHERE id = ?";
  private static final String LIVE_FAMILIES_OF_USER =
      "SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL";
  private static final String REVOKE_USER =
      "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
  /**
   * A session is live while its newest refresh token is neither used, revoked nor expired; only the login's token
   * carries the client address, so MAX picks it out of the family.
   */
  private static final String LIVE_SESSIONS_OF_USER = """
      SELECT family_id, MIN(created_at) AS started_at, MAX(created_at) AS last_active_at, MAX(expires_at) AS expires_at,
        MAX(client_address) AS client_address
      FROM refresh_tokens WHERE user_id = ?
      GROUP BY family_id
      HAVING SUM(revoked_at IS NULL AND used_at IS NULL AND expires_at > ?) > 0
      ORDER BY last_active_at DESC, family_id""";
  private static final String REVOKE_LIVE_FAMILY_OF_USER = """
      UPDATE refresh_tokens SET revoked_at = ?
      WHERE family_id = ? AND user_id = ? AND revoked_at IS NULL AND used_at IS NULL AND expires_at > ?""";
  private static final String REVOKE_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL";

  /** A stored token as seen inside the transaction that locked it. */
  record StoredToken(String id, String familyId, String userId, UserRole role,
                     Instant expiresAt, boolean used, boolean revoked) {}

  /** A live session of a user, as its owner sees it. */
  record LiveSession(String id, Instant startedAt, Instant lastActiveAt, Instant expiresAt, String clientAddress) {}

  /** {@code clientAddress}: where the login came from (null for the successors a refresh adds). */
  Future<Void> insert(SqlClient client, String id, String familyId, String userId, byte[] tokenHash,
      Instant now, Instant expiresAt, String clientAddress) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {id, familyId, userId, Buffer.buffer(tokenHash), SqlTime.utc(now),
            SqlTime.utc(expiresAt), clientAddress}))
        .mapEmpty();
  }

  /** The user's sessions that can still be refreshed, most recently active first. */
  Future<java.util.List<LiveSession>> liveSessionsOf(SqlClient client, String userId, Instant now) {
    return client.preparedQuery(LIVE_SESSIONS_OF_USER).execute(Tuple.of(userId, SqlTime.utc(now))).map(rows -> {
      java.util.List<LiveSession> sessions = new java.util.ArrayList<>();
      rows.forEach(row -> sessions.add(new LiveSession(row.getString("family_id"),
          row.getLocalDateTime("started_at").toInstant(ZoneOffset.UTC),
          row.getLocalDateTime("last_active_at").toInstant(ZoneOffset.UTC),
          row.getLocalDateTime("expires_at").toInstant(ZoneOffset.UTC), row.getString("client_address"))));
      return sessions;
    });
  }

  /**
   * Ends one live session of this user: false when the user has no live session with this id (another user's
   * session included), so the caller cannot tell the two apart.
   */
  Future<Boolean> revokeLiveFamilyOf(SqlClient client, String userId, String familyId, Instant now) {
    return client.preparedQuery(REVOKE_LIVE_FAMILY_OF_USER)
        .execute(Tuple.of(SqlTime.utc(now), familyId, userId, SqlTime.utc(now)))
        .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture(false)
            : revokeFamily(client, familyId, now).map(true));
  }

  /** Locks the token's row so two refreshes with the same token cannot both succeed. */
  Future<Optional<StoredToken>> lock(SqlConnection connection, byte[] tokenHash) {
    return connection.preparedQuery(LOCK_BY_HASH).execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> {
      var iterator = rows.iterator();
      if (!iterator.hasNext()) {
        return Optional.empty();
      }
      var row = iterator.next();
      return Optional.of(new StoredToken(row.getString("id"), row.getString("family_id"), row.getString("user_id"),
          UserRole.valueOf(row.getString("role")),
          row.getLocalDateTime("expires_at").toInstant(ZoneOffset.UTC),
          row.getLocalDateTime("used_at") != null, row.getLocalDateTime("revoked_at") != null));
    });
  }

  Future<Void> markUsed(SqlConnection connection, String id, Instant now) {
    return connection.preparedQuery(MARK_USED).execute(Tuple.of(SqlTime.utc(now), id)).mapEmpty();
  }

  /** Revokes every refresh token of the user: the ids of the sessions (families) that were still live. */
  Future<java.util.List<String>> revokeAllOf(SqlClient client, String userId, Instant now) {
    return client.preparedQuery(LIVE_FAMILIES_OF_USER).execute(Tuple.of(userId)).compose(rows -> {
      java.util.List<String> families = new java.util.ArrayList<>();
      rows.forEach(row -> families.add(row.getString("family_id")));
      return client.preparedQuery(REVOKE_USER).execute(Tuple.of(SqlTime.utc(now), userId)).map(families);
    });
  }

  Future<Void> revokeFamily(SqlClient client, String familyId, Instant now) {
    return client.preparedQuery(REVOKE_FAMILY).execute(Tuple.of(SqlTime.utc(now), familyId)).mapEmpty();
  }
}
