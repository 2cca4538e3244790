package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.db.SqlErrors;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code checkouts}: what a merchant asks to be paid, once. */
final class Checkouts {

  private static final String INSERT = """
      INSERT INTO checkouts (id, merchant_id, order_id, amount, item_name, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)""";
  private static final String BY_ID = "SELECT * FROM checkouts WHERE id = ?";
  private static final String LOCK = BY_ID + " FOR UPDATE";
  private static final String SET_STATUS = "UPDATE checkouts SET status = ?, updated_at = ? WHERE id = ?";
  /**
   * A pay's mark: the checkout PROCESSING if it is OPEN and the pay's Idempotency-Key has no record
   * ({@link HeldKeys#NO_RECORD}). The key's condition reads {@code idempotency_records} with a shared lock held to the
   * commit (InnoDB, REPEATABLE READ: a data-changing statement's subquery locks what it reads, the gap of a missing
   * key included), so a client error stored for the key meanwhile waits for this transaction or went first. Other
   * keys' records inserted into that gap (refunds' and transfers' claims) wait for the commit too: the milliseconds
   * of two statements, no bank call in between.
   */
  private static final String OPEN_TO_PROCESSING = "UPDATE checkouts SET status = 'PROCESSING', updated_at = ? "
      + "WHERE id = ? AND status = 'OPEN' AND " + HeldKeys.NO_RECORD;
  /**
   * {@link #OPEN_TO_PROCESSING} only while the FinAccount paying is the payer's, undeleted and verified. Not an
   * {@code INSERT … SELECT} of the payment: MariaDB 11.4 flushes its redo log to disk at the end of every one, inside
   * a transaction and whatever {@code innodb_flush_log_at_trx_commit} says. The FinAccount is read with a shared lock
   * as the key's record is: a deletion waits for this transaction or went first.
   */
  private static final String OPEN_TO_PROCESSING_FROM_OWN_FIN_ACCOUNT = OPEN_TO_PROCESSING
      + " AND EXISTS (SELECT 1 FROM fin_accounts f WHERE " + FinAccounts.CHARGEABLE_BY_USER + ")";

  private final Pool pool;
  private final CheckoutTerms terms;
  private final Clock clock;

  Checkouts(Pool pool, CheckoutTerms terms, Clock clock) {
    this.pool = pool;
    this.terms = terms;
    this.clock = clock;
  }

  Future<CheckoutRecord> create(String merchantId, String orderId, long amount, String itemName) {
    String id = UUID.randomUUID().toString();
    // Whole milliseconds, what DATETIME(3) keeps: the answer is the row as written, not read back.
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    LocalDateTime now = SqlTime.utc(createdAt);
    return pool.preparedQuery(INSERT).execute(Tuple.of(id, merchantId, orderId, amount, itemName, now, now))
        .recover(failure -> SqlErrors.isDuplicateKey(failure)
            ? Failures.fail(ErrorCode.ORDER_EXISTS, "A checkout for order " + orderId + " already exists.")
            : Future.failedFuture(failure))
        .map(inserted -> remembered(
            new CheckoutRecord(id, merchantId, orderId, amount, itemName, CheckoutStatus.OPEN, createdAt)));
  }

  Future<Optional<CheckoutRecord>> find(String id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(this::rememberedIfAny);
  }

  /** Locks the checkout for the rest of the transaction: one payment decision at a time. */
  Future<Optional<CheckoutRecord>> lock(SqlConnection connection, String id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id)).map(this::rememberedIfAny);
  }

  /** The checkout's fixed terms, when this process created or read it lately (never its status). */
  Optional<CheckoutTerms.Terms> knownTerms(String id) {
    return terms.of(id);
  }

  /**
   * Marks the checkout PROCESSING for a pay with {@code claim} if it is OPEN and the claim's key has no record,
   * locking its row for the rest of the transaction either way (one payment decision at a time, as {@link #lock});
   * false when it was not OPEN, does not exist, or the key has a record.
   */
  Future<Boolean> markProcessingIfOpen(SqlConnection connection, String id, IdempotencyClaim claim) {
    return connection.preparedQuery(OPEN_TO_PROCESSING).execute(Tuple.of(now(), id, claim.scope(), claim.key()))
        .map(updated -> updated.rowCount() == 1);
  }

  /** {@link #markProcessingIfOpen}, only if {@code finAccountId} is the verified, undeleted FinAccount of the payer. */
  Future<Boolean> markProcessingIfOpenAndPaidFromOwnFinAccount(SqlConnection connection, String id,
      IdempotencyClaim claim, String userId, String finAccountId) {
    return connection.preparedQuery(OPEN_TO_PROCESSING_FROM_OWN_FIN_ACCOUNT)
        .execute(Tuple.of(now(), id, claim.scope(), claim.key(), finAccountId, userId))
        .map(updated -> updated.rowCount() == 1);
  }

  Future<Void> setStatus(SqlClient client, String id, CheckoutStatus status) {
    return client.preparedQuery(SET_STATUS).execute(Tuple.of(status.name(), now(), id)).mapEmpty();
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }

  private Optional<CheckoutRecord> rememberedIfAny(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Optional.of(remembered(recordOf(rows.iterator().next()))) : Optional.empty();
  }

  private CheckoutRecord remembered(CheckoutRecord checkout) {
    terms.remember(checkout);
    return checkout;
  }

  private static CheckoutRecord recordOf(Row row) {
    return new CheckoutRecord(row.getString("id"), row.getString("merchant_id"), row.getString("order_id"),
        row.getLong("amount"), row.getString("item_name"), CheckoutStatus.valueOf(row.getString("status")),
        SqlTime.instant(row.getLocalDateTime("created_at")));
  }
}
