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
      INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)""";
  private static final String LOCK_BY_HASH = """
      SELECT t.id, t.family_id, t.user_id, t.expires_at, t.used_at, t.revoked_at, u.role
      FROM refresh_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ? FOR UPDATE""";
  private static final String MARK_USED = "UPDATE refresh_tokens SET used_at = ? WHERE id = ?";
  private static final String LIVE_FAMILIES_OF_USER =
      "SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL";
  private static final String REVOKE_USER =
      "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
  private static final String REVOKE_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL";

  /** A stored token as seen inside the transaction that locked it. */
  record StoredToken(String id, String familyId, String userId, UserRole role,
                     Instant expiresAt, boolean used, boolean revoked) {}

  Future<Void> insert(SqlClient client, String id, String familyId, String userId, byte[] tokenHash,
      Instant now, Instant expiresAt) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(id, familyId, userId, Buffer.buffer(tokenHash), SqlTime.utc(now),
            SqlTime.utc(expiresAt)))
        .mapEmpty();
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
