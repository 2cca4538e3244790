package io.shpay.openbanking;

import io.shpay.common.db.SqlTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for {@code account_moves}. A move changes state only by a compare-and-set on its status, so
 * of any number of advancers (the request, a retry, janitors on several replicas) exactly one makes
 * each step, and each step is taken once.
 */
final class Moves {

  static final String REQUESTED = "REQUESTED";
  static final String WITHDRAWING = "WITHDRAWING";
  static final String DEPOSITING = "DEPOSITING";
  static final String COMPLETED = "COMPLETED";
  static final String FAILED = "FAILED";
  static final String RETURNING = "RETURNING";
  static final String RETURNED = "RETURNED";
  static final String RETURN_FAILED = "RETURN_FAILED";

  private static final String INSERT = """
      INSERT INTO account_moves (id, user_id, idem_key, from_account_id, to_account_id, amount, print_content, status,
        withdraw_transfer_id, deposit_transfer_id, return_transfer_id, next_check_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?, ?)""";
  private static final String BY_ID = "SELECT * FROM account_moves WHERE id = ?";
  private static final String BY_KEY = "SELECT * FROM account_moves WHERE user_id = ? AND idem_key = ?";
  private static final String STEP = """
      UPDATE account_moves SET status = ?, next_check_at = ?, updated_at = ? WHERE id = ? AND status = ?""";
  private static final String LATER = "UPDATE account_moves SET next_check_at = ?, updated_at = ? WHERE id = ? AND status = ?";
  private static final String DUE = """
      SELECT id FROM account_moves WHERE status IN ('REQUESTED', 'WITHDRAWING', 'DEPOSITING', 'RETURNING')
        AND next_check_at <= ? ORDER BY next_check_at LIMIT ?""";
  private static final String CLAIM =
      "UPDATE account_moves SET next_check_at = ? WHERE id = ? AND next_check_at <= ?";

  /** A stored move. */
  record Move(String id, String userId, String idemKey, String fromAccountId, String toAccountId, long amount,
              String printContent, String status, String withdrawTransferId, String depositTransferId,
              String returnTransferId, Instant createdAt, Instant updatedAt) {

    boolean isOpen() {
      return REQUESTED.equals(status) || WITHDRAWING.equals(status) || DEPOSITING.equals(status)
          || RETURNING.equals(status);
    }
  }

  private final Pool pool;
  private final Clock clock;

  Moves(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Records a new move (REQUESTED) with its three leg ids; fails with a duplicate key when the idempotency key is taken. */
  Future<Move> insert(String userId, String idemKey, String from, String to, long amount, String printContent,
      Instant firstCheck) {
    String id = UUID.randomUUID().toString();
    LocalDateTime now = now();
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, userId, idemKey, from, to, amount,
            printContent, UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
            SqlTime.utc(firstCheck), now, now}))
        .compose(inserted -> get(id));
  }

  Future<Optional<Move>> find(String id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(Moves::first);
  }

  Future<Optional<Move>> byKey(String userId, String idemKey) {
    return pool.preparedQuery(BY_KEY).execute(Tuple.of(userId, idemKey)).map(Moves::first);
  }

  /** Moves {@code from} one status to the next; false when another advancer already did. */
  Future<Boolean> step(Move move, String to, Instant nextCheck) {
    return pool.preparedQuery(STEP)
        .execute(Tuple.of(to, nextCheck == null ? null : SqlTime.utc(nextCheck), now(), move.id(), move.status()))
        .map(updated -> updated.rowCount() == 1);
  }

  /** Leaves the move where it is and looks at it again at {@code nextCheck}. */
  Future<Void> later(Move move, Instant nextCheck) {
    return pool.preparedQuery(LATER).execute(Tuple.of(SqlTime.utc(nextCheck), now(), move.id(), move.status()))
        .mapEmpty();
  }

  /** Ids of open moves due for a look, each claimed by pushing its next look to {@code claimUntil}. */
  Future<List<String>> claimDue(int limit, Instant claimUntil) {
    LocalDateTime now = now();
    return pool.preparedQuery(DUE).execute(Tuple.of(now, limit)).compose(rows -> {
      List<Future<String>> claims = new ArrayList<>();
      rows.forEach(row -> claims.add(pool.preparedQuery(CLAIM)
          .execute(Tuple.of(SqlTime.utc(claimUntil), row.getString("id"), now))
          .map(claimed -> claimed.rowCount() == 1 ? row.getString("id") : null)));
      return Future.all(claims).map(all -> claims.stream().map(Future::result).filter(id -> id != null).toList());
    });
  }

  Future<Move> get(String id) {
    return find(id).map(Optional::orElseThrow);
  }

  private static Optional<Move> first(io.vertx.sqlclient.RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(toMove(rows.iterator().next())) : Optional.empty();
  }

  private static Move toMove(Row row) {
    return new Move(row.getString("id"), row.getString("user_id"), row.getString("idem_key"),
        row.getString("from_account_id"), row.getString("to_account_id"), row.getLong("amount"),
        row.getString("print_content"), row.getString("status"), row.getString("withdraw_transfer_id"),
        row.getString("deposit_transfer_id"), row.getString("return_transfer_id"),
        row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC),
        row.getLocalDateTime("updated_at").toInstant(ZoneOffset.UTC));
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }
}
