package io.shpay.api;

import io.shpay.common.db.SqlTime;
import io.shpay.common.db.SqlErrors;
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

/** SQL for {@code idempotency_records}: a claim per (caller, key), completed with the response. */
final class IdempotencyStore {

  private static final String CLAIM = """
      INSERT INTO idempotency_records (scope, idem_key, fingerprint, status, created_at, expires_at)
      VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?)""";
  private static final String FIND = """
      SELECT fingerprint, status, response_status, response_body, expires_at
      FROM idempotency_records WHERE scope = ? AND idem_key = ?""";
  private static final String DROP_EXPIRED = "DELETE FROM idempotency_records WHERE scope = ? AND idem_key = ? AND expires_at < ?";
  private static final String COMPLETE = """
      UPDATE idempotency_records SET status = 'COMPLETED', response_status = ?, response_body = ?
      WHERE scope = ? AND idem_key = ?""";

  /** What an earlier request with the same key left behind. */
  sealed interface Earlier permits None, InProgress, Completed, Mismatch {}

  record None() implements Earlier {}

  record InProgress() implements Earlier {}

  record Completed(ApiResponse response) implements Earlier {}

  record Mismatch() implements Earlier {}

  private final Pool pool;
  private final Clock clock;
  private final Duration retention;

  IdempotencyStore(Pool pool, Clock clock, Duration retention) {
    this.pool = pool;
    this.clock = clock;
    this.retention = retention;
  }

  /** Claims the key for this request, or says what already holds it. An expired claim is dropped and retaken. */
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

  Future<Void> complete(String scope, String key, ApiResponse response) {
    // The content type is implied by the status: problems are 4xx/5xx, successes are JSON.
    return pool.preparedQuery(COMPLETE).execute(Tuple.of(response.status(), response.body(), scope, key)).mapEmpty();
  }

  private Future<Earlier> insert(String scope, String key, byte[] fingerprint) {
    Instant now = clock.instant();
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(scope, key, Buffer.buffer(fingerprint), SqlTime.utc(now), SqlTime.utc(now.plus(retention))))
        .map(new None());
  }

  private Future<Earlier> earlier(String scope, String key, byte[] fingerprint) {
    return pool.preparedQuery(FIND).execute(Tuple.of(scope, key)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return new InProgress(); // deleted between our insert and read: treat as busy, the client retries
      }
      Row row = rows.iterator().next();
      if (!Arrays.equals(row.getBuffer("fingerprint").getBytes(), fingerprint)) {
        return new Mismatch();
      }
      if (!"COMPLETED".equals(row.getString("status"))) {
        return new InProgress();
      }
      int status = row.getInteger("response_status");
      String contentType = status >= 400 ? Problem.MEDIA_TYPE : "application/json";
      return new Completed(new ApiResponse(status, contentType, row.getString("response_body")));
    });
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }

}
