package io.shpay.api;

import io.shpay.common.db.SqlTime;
import io.shpay.common.db.SqlErrors;
import io.shpay.payment.IdempotencyClaim;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * SQL for {@code idempotency_records}: a claim per (caller, key) held for a lease, completed with
 * a final response, or left RETRYABLE when SH Pay itself failed the request. A pay's key has no
 * record while it pays (its payment row is its record): only a client error it answered is kept here.
 */
final class IdempotencyStore {

  private static final String CLAIM = """
      INSERT INTO idempotency_records (scope, idem_key, fingerprint, status, lease_until, created_at, expires_at)
      VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?, ?)""";
  private static final String FIND = """
      SELECT fingerprint, status, lease_until, response_status, response_body, expires_at
      FROM idempotency_records WHERE scope = ? AND idem_key = ?""";
  private static final String DROP_EXPIRED = "DELETE FROM idempotency_records WHERE scope = ? AND idem_key = ? AND expires_at < ?";
  /** Takes over a claim whose holder is gone (lease over) or that was left for a retry. */
  private static final String RETAKE = """
      UPDATE idempotency_records SET status = 'IN_PROGRESS', lease_until = ?
      WHERE scope = ? AND idem_key = ? AND (status = 'RETRYABLE' OR (status = 'IN_PROGRESS' AND lease_until < ?))""";
  private static final String COMPLETE = """
      UPDATE idempotency_records SET status = 'COMPLETED', lease_until = NULL, response_status = ?, response_body = ?
      WHERE scope = ? AND idem_key = ?""";
  /**
   * A client error of a pay that recorded no payment, unless a payment carries the key by now (a concurrent request
   * with it paid): a stored answer and a payment never both answer one key. The payment is read with a shared lock
   * (InnoDB, REPEATABLE READ: an {@code INSERT … SELECT} locks what it reads), so a payment being recorded with the
   * key meanwhile is waited for, and a pay that marks its checkout after this commits finds this record
   * ({@code HeldKeys.NO_RECORD}). Rare, so the redo log flush MariaDB does after every {@code INSERT … SELECT} is of
   * no account.
   */
  private static final String COMPLETE_UNPAID = """
      INSERT INTO idempotency_records (scope, idem_key, fingerprint, status, lease_until, response_status, response_body,
                                       created_at, expires_at)
      SELECT ?, ?, ?, 'COMPLETED', NULL, ?, ?, ?, ? FROM DUAL
      WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.user_id = ? AND p.idempotency_key = ?)
      ON DUPLICATE KEY UPDATE scope = scope""";
  private static final String RELEASE = """
      UPDATE idempotency_records SET status = 'RETRYABLE', lease_until = NULL, response_status = NULL, response_body = NULL
      WHERE scope = ? AND idem_key = ? AND status = 'IN_PROGRESS'""";

  /** What an earlier request with the same key left behind. */
  sealed interface Earlier permits None, Unused, Stale, InProgress, Claimed, Completed, Mismatch {}

  /** Nobody holds the key (or its holder is gone): this request runs. */
  record None() implements Earlier {}

  /** The key has no record ({@link #find} only). */
  record Unused() implements Earlier {}

  /** Expired or left for a retry ({@link #find} only): {@link #claim} takes it over. */
  record Stale() implements Earlier {}

  record InProgress() implements Earlier {}

  /**
   * Claimed and not completed ({@link #find} only): by a request still running, or a pay's claim from before the
   * payment was its key's record (never completed, its payment is the answer); {@code leaseOver} once the claim's
   * lease has ended, when {@link #claim} would take it over.
   */
  record Claimed(boolean leaseOver) implements Earlier {}

  record Completed(ApiResponse response) implements Earlier {}

  record Mismatch() implements Earlier {}

  private final Pool pool;
  private final Clock clock;
  private final Duration retention;
  private final Duration lease;

  /**
   * @param lease how long a running request holds its key: at least as long as it can run, so a
   *     retry meanwhile is told 409; after it, a retry runs again (safe, the money row dedupes it)
   */
  IdempotencyStore(Pool pool, Clock clock, Duration retention, Duration lease) {
    this.pool = pool;
    this.clock = clock;
    this.retention = retention;
    this.lease = lease;
  }

  /** Claims the key for this request, or says what already holds it. An expired record is dropped and retaken. */
  Future<Earlier> claim(String scope, String key, byte[] fingerprint) {
    return insert(scope, key, fingerprint).recover(failure -> {
      if (!SqlErrors.isDuplicateKey(failure)) {
        return Future.failedFuture(failure);
      }
      return pool.preparedQuery(DROP_EXPIRED).execute(Tuple.of(scope, key, now()))
          .compose(dropped -> dropped.rowCount() > 0
              ? insert(scope, key, fingerprint).recover(again -> earlier(scope, key, fingerprint))
              : earlier(scope, key, fingerprint));
    });
  }

  /**
   * What the key holds, read in one statement and changing nothing: what a pay ({@link IdempotencyClaim}) asks once
   * it found the key used.
   */
  Future<Earlier> find(String scope, String key, byte[] fingerprint) {
    return pool.preparedQuery(FIND).execute(Tuple.of(scope, key)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return new Unused();
      }
      Row row = rows.iterator().next();
      LocalDateTime now = now();
      if (row.getLocalDateTime("expires_at").isBefore(now)) {
        return new Stale();
      }
      if (!Arrays.equals(row.getBuffer("fingerprint").getBytes(), fingerprint)) {
        return new Mismatch();
      }
      if ("COMPLETED".equals(row.getString("status"))) {
        return completed(row);
      }
      LocalDateTime leaseUntil = row.getLocalDateTime("lease_until");
      return "IN_PROGRESS".equals(row.getString("status"))
          ? new Claimed(leaseUntil == null || leaseUntil.isBefore(now)) : new Stale();
    });
  }

  /** Whether a request that began at {@code start} would no longer hold its key: its lease is over. */
  boolean leaseOverSince(Instant start) {
    return !clock.instant().isBefore(start.plus(lease));
  }

  /** The key of a pay, whose payment is its record ({@link IdempotencyClaim}): nothing is written for it here. */
  IdempotencyClaim claimFor(String scope, String key, byte[] fingerprint) {
    Instant now = clock.instant();
    return new IdempotencyClaim(scope, key, fingerprint, now, now.plus(retention));
  }

  /**
   * A client error of a pay of {@code userId} that ran with {@link #claimFor}'s claim and recorded no payment: replayed
   * to every retry, unless a payment carries the key by now. A record that is there by then stays as it is.
   */
  Future<Void> completeUnpaid(IdempotencyClaim claim, String userId, ApiResponse response) {
    return pool.preparedQuery(COMPLETE_UNPAID).execute(Tuple.from(new Object[] {claim.scope(), claim.key(),
        Buffer.buffer(claim.fingerprint()), response.status(), response.body(), SqlTime.utc(claim.claimedAt()),
        SqlTime.utc(claim.expiresAt()), userId, claim.key()})).mapEmpty();
  }

  /** The request's final answer (a success or a client error): replayed to every retry. */
  Future<Void> complete(String scope, String key, ApiResponse response) {
    // The content type is implied by the status: problems are 4xx/5xx, successes are JSON.
    return pool.preparedQuery(COMPLETE).execute(Tuple.of(response.status(), response.body(), scope, key)).mapEmpty();
  }

  /** SH Pay failed the request itself: nothing is kept as its answer, the next retry runs it again. */
  Future<Void> release(String scope, String key) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(scope, key)).mapEmpty();
  }

  private Future<Earlier> insert(String scope, String key, byte[] fingerprint) {
    Instant now = clock.instant();
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.from(new Object[] {scope, key, Buffer.buffer(fingerprint), SqlTime.utc(now.plus(lease)),
            SqlTime.utc(now), SqlTime.utc(now.plus(retention))}))
        .map(new None());
  }

  private Future<Earlier> earlier(String scope, String key, byte[] fingerprint) {
    return pool.preparedQuery(FIND).execute(Tuple.of(scope, key)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.succeededFuture(new InProgress()); // deleted between our insert and read: the client retries
      }
      Row row = rows.iterator().next();
      if (!Arrays.equals(row.getBuffer("fingerprint").getBytes(), fingerprint)) {
        return Future.succeededFuture(new Mismatch());
      }
      if ("COMPLETED".equals(row.getString("status"))) {
        return Future.succeededFuture(completed(row));
      }
      LocalDateTime now = now();
      return pool.preparedQuery(RETAKE).execute(Tuple.of(SqlTime.utc(clock.instant().plus(lease)), scope, key, now))
          .map(retaken -> retaken.rowCount() == 1 ? new None() : new InProgress());
    });
  }

  private static Completed completed(Row row) {
    int status = row.getInteger("response_status");
    String contentType = status >= 400 ? Problem.MEDIA_TYPE : "application/json";
    return new Completed(new ApiResponse(status, contentType, row.getString("response_body")));
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }
}
