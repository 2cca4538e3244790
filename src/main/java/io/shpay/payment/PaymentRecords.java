package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code payments} and {@code refunds}. Decisions about money happen under the payment's row lock: taken by
 * {@link #lockPayment}, or by the conditional {@code UPDATE} of {@link #settleIfRequested}.
 */
final class PaymentRecords {

  /** A new payment; its values in this order: {@link #paymentValues}. */
  private static final String INSERT_PAYMENT = """
      INSERT INTO payments (id, checkout_id, merchant_id, user_id, idempotency_key, request_fingerprint, amount, rail,
                            source_id, rail_tran_id, rail_tran_date, rail_ref, status, next_reconcile_at, created_at,
                            updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?)""";
  private static final String INSERT_REFUND = """
      INSERT INTO refunds (id, payment_id, idempotency_key, amount, reason, rail_tran_id, rail_tran_date, rail_ref, status,
                           next_reconcile_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?)""";
  private static final String PAYMENT = "SELECT * FROM payments WHERE id = ?";
  private static final String PAYMENT_BY_KEY = "SELECT * FROM payments WHERE user_id = ? AND idempotency_key = ?";
  private static final String REFUND_BY_KEY = """
      SELECT r.*, p.checkout_id, p.merchant_id, p.user_id, p.rail, p.source_id
      FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.payment_id = ? AND r.idempotency_key = ?""";
  private static final String LOCK_PAYMENT = PAYMENT + " FOR UPDATE";
  /**
   * The payment locked, with what the event of its settlement needs besides: its order, its FinAccount's number and
   * its next event number. Only the payment row is locked (the subqueries are plain reads); under that lock no other
   * transaction writes the payment's events, so the number is free, and {@code uk_outbox_aggregate_sequence} would
   * refuse it if it were not.
   */
  private static final String LOCK_PAYMENT_WITH_EVENT_FIELDS = """
      SELECT p.*,
             (SELECT c.order_id FROM checkouts c WHERE c.id = p.checkout_id) AS order_id,
             (SELECT f.account_number FROM fin_accounts f WHERE p.rail = 'NH' AND f.id = p.source_id) AS account_number,
             (SELECT COALESCE(MAX(e.sequence), 0) + 1 FROM outbox_events e WHERE e.aggregate_id = p.id) AS next_sequence
      FROM payments p WHERE p.id = ? FOR UPDATE""";
  private static final String REFUND = """
      SELECT r.*, p.checkout_id, p.merchant_id, p.user_id, p.rail, p.source_id
      FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.id = ?""";
  private static final String OPEN_REFUNDS =
      "SELECT COALESCE(SUM(amount), 0) AS open_total FROM refunds WHERE payment_id = ? AND status IN ('REQUESTED', 'UNKNOWN')";
  private static final String SETTLE_PAYMENT = """
      UPDATE payments SET status = ?, bank_code = ?, bank_message = ?, next_reconcile_at = ?,
        reconcile_attempts = ?, updated_at = ? WHERE id = ?""";
  /** A payment's outcome and its checkout's new state, in one statement (the caller holds the payment's lock). */
  private static final String SETTLE_PAYMENT_AND_CHECKOUT = """
      UPDATE payments p JOIN checkouts c ON c.id = p.checkout_id
      SET p.status = ?, p.bank_code = ?, p.bank_message = ?, p.next_reconcile_at = NULL, p.reconcile_attempts = ?,
          p.updated_at = ?, c.status = ?, c.updated_at = ?
      WHERE p.id = ?""";
  /**
   * As {@link #SETTLE_PAYMENT_AND_CHECKOUT} for a payment still REQUESTED, without holding its lock first: the
   * statement takes it, and matches nothing when the payment is no longer REQUESTED. Its bank reference is kept if
   * it has one. (The key's completion stays a statement of its own: as a third table here, its long utf8mb4 primary
   * key makes MariaDB build the multi-table update's temporary table on disk, a file made and deleted each time.)
   */
  private static final String SETTLE_REQUESTED_PAYMENT_AND_CHECKOUT = """
      UPDATE payments p JOIN checkouts c ON c.id = p.checkout_id
      SET p.status = ?, p.bank_code = ?, p.bank_message = ?, p.rail_ref = COALESCE(p.rail_ref, ?),
          p.next_reconcile_at = NULL, p.updated_at = ?, c.status = ?, c.updated_at = ?
      WHERE p.id = ? AND p.status = 'REQUESTED'""";
  private static final String SETTLE_REFUND = """
      UPDATE refunds SET status = ?, bank_code = ?, bank_message = ?, next_reconcile_at = ?,
        reconcile_attempts = ?, updated_at = ? WHERE id = ?""";
  private static final String ADD_REFUNDED = "UPDATE payments SET refunded_amount = refunded_amount + ?, updated_at = ? WHERE id = ?";
  private static final String PAYMENT_REF = "UPDATE payments SET rail_ref = ? WHERE id = ?";
  private static final String REFUND_REF = "UPDATE refunds SET rail_ref = ? WHERE id = ?";
  /*
   * Due movements: UNKNOWN ones at their next lookup, and REQUESTED ones once they are older than
   * payments.staleRequestedAfter (the insert sets that as their first lookup): whoever sent them
   * to the bank stopped before settling them (a pod stop, an OOM, a failed write).
   */
  private static final String DUE_PAYMENTS = """
      SELECT id FROM payments WHERE status IN ('REQUESTED', 'UNKNOWN') AND next_reconcile_at <= ?
      ORDER BY next_reconcile_at LIMIT ?""";
  private static final String DUE_REFUNDS = """
      SELECT id FROM refunds WHERE status IN ('REQUESTED', 'UNKNOWN') AND next_reconcile_at <= ?
      ORDER BY next_reconcile_at LIMIT ?""";
  private static final String CLAIM_PAYMENT = """
      UPDATE payments SET next_reconcile_at = ?
      WHERE id = ? AND status IN ('REQUESTED', 'UNKNOWN') AND next_reconcile_at <= ?""";
  private static final String CLAIM_REFUND = """
      UPDATE refunds SET next_reconcile_at = ?
      WHERE id = ? AND status IN ('REQUESTED', 'UNKNOWN') AND next_reconcile_at <= ?""";

  private static final String PAYMENT_AWAITS_REPAIR =
      "SELECT COUNT(*) AS n FROM payments WHERE id = ? AND status = 'UNKNOWN' AND next_reconcile_at IS NULL";
  private static final String REFUND_AWAITS_REPAIR =
      "SELECT COUNT(*) AS n FROM refunds WHERE id = ? AND status = 'UNKNOWN' AND next_reconcile_at IS NULL";

  private final Clock clock;
  private final java.time.Duration staleRequestedAfter;

  PaymentRecords(Clock clock, java.time.Duration staleRequestedAfter) {
    this.clock = clock;
    this.staleRequestedAfter = staleRequestedAfter;
  }

  /**
   * Records the payment bound to the caller's Idempotency-Key (null for none) and, when the key is the request's own
   * record ({@link IdempotencyClaim}), the request's fingerprint (null otherwise).
   */
  Future<Void> insertPayment(SqlClient client, MoneyMovement payment, String idempotencyKey, byte[] fingerprint) {
    return client.preparedQuery(INSERT_PAYMENT).execute(paymentValues(payment, idempotencyKey, fingerprint))
        .mapEmpty();
  }

  private Tuple paymentValues(MoneyMovement payment, String idempotencyKey, byte[] fingerprint) {
    return Tuple.from(new Object[] {payment.id(), payment.checkoutId(), payment.merchantId(), payment.userId(),
        idempotencyKey, fingerprint == null ? null : Buffer.buffer(fingerprint), payment.amount(), payment.rail().name(), payment.sourceId(), payment.railTranId(),
        payment.railTranDate(), payment.railRef(), staleAt(), SqlTime.utc(payment.createdAt()),
        SqlTime.utc(payment.createdAt())});
  }

  /** Records the refund bound to the caller's Idempotency-Key (null for none). */
  Future<Void> insertRefund(SqlClient client, MoneyMovement refund, String reason, String idempotencyKey) {
    return client.preparedQuery(INSERT_REFUND).execute(Tuple.from(new Object[] {refund.id(), refund.paymentId(),
        idempotencyKey, refund.amount(), reason, refund.railTranId(), refund.railTranDate(), refund.railRef(), staleAt(), now(), now()}))
        .mapEmpty();
  }

  /** Locks the payment row: every refund decision and every settlement of it is serialised here. */
  Future<Optional<Row>> lockPayment(SqlConnection connection, String paymentId) {
    return connection.preparedQuery(LOCK_PAYMENT).execute(Tuple.of(paymentId))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
  }

  /**
   * As {@link #lockPayment}, the row also holding {@code order_id}, {@code account_number} and {@code next_sequence}
   * for the settlement's event ({@link PaymentEvents#recordSettled}), so the settlement reads nothing more.
   */
  Future<Optional<Row>> lockPaymentWithEventFields(SqlConnection connection, String paymentId) {
    return connection.preparedQuery(LOCK_PAYMENT_WITH_EVENT_FIELDS).execute(Tuple.of(paymentId))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
  }

  /** Money promised to refunds that are not settled yet: it counts against what may still be refunded. */
  Future<Long> openRefundTotal(SqlConnection connection, String paymentId) {
    return connection.preparedQuery(OPEN_REFUNDS).execute(Tuple.of(paymentId))
        .map(rows -> rows.iterator().next().getNumeric("open_total").longValue());
  }

  Future<Void> settle(SqlClient client, MoneyMovement movement, PaymentStatus status, String bankCode, String bankMessage,
      Instant nextReconcileAt, int attempts) {
    return client.preparedQuery(movement.isRefund() ? SETTLE_REFUND : SETTLE_PAYMENT).execute(Tuple.from(new Object[] {
        status.name(), bankCode, truncate(bankMessage), nextReconcileAt == null ? null : SqlTime.utc(nextReconcileAt), attempts, now(),
        movement.id()})).mapEmpty();
  }

  /**
   * A payment's final outcome ({@code status}) with its checkout's ({@code checkoutStatus}): no lookup left to make.
   * Answers the payment as it now stands, built from {@code locked} (its row under the lock) and what was written,
   * so nothing is read back: the time written is cut to the millisecond the column keeps.
   */
  Future<PaymentRecord> settleWithCheckout(SqlClient client, Row locked, PaymentStatus status, String bankCode,
      String bankMessage, CheckoutStatus checkoutStatus) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    PaymentRecord before = paymentRecordOf(locked);
    PaymentRecord settled = new PaymentRecord(before.id(), before.checkoutId(), before.merchantId(), before.userId(),
        before.amount(), before.refundedAmount(), status, before.rail(), bankCode, truncate(bankMessage),
        before.createdAt(), now);
    LocalDateTime written = SqlTime.utc(now);
    return client.preparedQuery(SETTLE_PAYMENT_AND_CHECKOUT).execute(Tuple.from(new Object[] {status.name(), bankCode,
        settled.bankMessage(), locked.getInteger("reconcile_attempts"), written, checkoutStatus.name(), written,
        before.id()})).map(settled);
  }

  /**
   * A final outcome for {@code payment}, as its pay recorded it (REQUESTED, nothing refunded), with its checkout's
   * ({@code checkoutStatus}), if it is still REQUESTED: the payment as it now stands, built from what was recorded and
   * what was written (nothing is read back), or empty when it was not REQUESTED and nothing was written.
   */
  Future<Optional<PaymentRecord>> settleIfRequested(SqlClient client, MoneyMovement payment, PaymentStatus status,
      String bankCode, String bankMessage, String railRef, CheckoutStatus checkoutStatus) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    PaymentRecord settled = new PaymentRecord(payment.id(), payment.checkoutId(), payment.merchantId(),
        payment.userId(), payment.amount(), 0, status, payment.rail(), bankCode, truncate(bankMessage),
        payment.createdAt(), now);
    LocalDateTime written = SqlTime.utc(now);
    return client.preparedQuery(SETTLE_REQUESTED_PAYMENT_AND_CHECKOUT).execute(Tuple.from(new Object[] {status.name(),
        bankCode, settled.bankMessage(), railRef, written, checkoutStatus.name(), written, payment.id()}))
        .map(updated -> updated.rowCount() > 0 ? Optional.of(settled) : Optional.empty());
  }

  Future<Void> addRefunded(SqlClient client, String paymentId, long amount) {
    return client.preparedQuery(ADD_REFUNDED).execute(Tuple.of(amount, now(), paymentId)).mapEmpty();
  }

  Future<Void> setRailRef(SqlClient client, MoneyMovement movement, String ref) {
    return client.preparedQuery(movement.isRefund() ? REFUND_REF : PAYMENT_REF).execute(Tuple.of(ref, movement.id()))
        .mapEmpty();
  }

  Future<Optional<MoneyMovement>> payment(SqlClient client, String id) {
    return client.preparedQuery(PAYMENT).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(paymentOf(rows.iterator().next())) : Optional.empty());
  }

  /** The user's payment made with this Idempotency-Key, if any: its row, for {@link #paymentOf} and {@link #paymentRecordOf}. */
  Future<Optional<Row>> paymentByKey(SqlClient client, String userId, String idempotencyKey) {
    if (idempotencyKey == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return client.preparedQuery(PAYMENT_BY_KEY).execute(Tuple.of(userId, idempotencyKey))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
  }

  /** The payment's row, if any. */
  Future<Optional<Row>> paymentRow(SqlClient client, String id) {
    return client.preparedQuery(PAYMENT).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
  }

  /** The payment's refund made with this Idempotency-Key, if any. */
  Future<Optional<MoneyMovement>> refundByKey(SqlClient client, String paymentId, String idempotencyKey) {
    if (idempotencyKey == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return client.preparedQuery(REFUND_BY_KEY).execute(Tuple.of(paymentId, idempotencyKey))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(refundOf(rows.iterator().next())) : Optional.empty());
  }

  Future<Optional<MoneyMovement>> refund(SqlClient client, String id) {
    return client.preparedQuery(REFUND).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(refundOf(rows.iterator().next())) : Optional.empty());
  }

  /** The payment, which the caller knows exists. */
  Future<PaymentRecord> paymentRecord(SqlClient client, String id) {
    return client.preparedQuery(PAYMENT).execute(Tuple.of(id)).map(rows -> paymentRecordOf(rows.iterator().next()));
  }

  /** The refund, which the caller knows exists. */
  Future<RefundRecord> refundRecord(SqlClient client, String id) {
    return client.preparedQuery(REFUND).execute(Tuple.of(id)).map(rows -> refundRecordOf(rows.iterator().next()));
  }

  /** Ids of open (UNKNOWN, or REQUESTED too long) payments and refunds due for a lookup, each claimed by pushing its next lookup to {@code claimUntil}. */
  Future<List<String>> claimDue(SqlClient client, boolean refunds, int limit, Instant claimUntil) {
    LocalDateTime now = now();
    return client.preparedQuery(refunds ? DUE_REFUNDS : DUE_PAYMENTS).execute(Tuple.of(now, limit)).compose(rows -> {
      List<Future<String>> claims = new ArrayList<>();
      rows.forEach(row -> claims.add(client.preparedQuery(refunds ? CLAIM_REFUND : CLAIM_PAYMENT)
          .execute(Tuple.of(SqlTime.utc(claimUntil), row.getString("id"), now))
          .map(claimed -> claimed.rowCount() == 1 ? row.getString("id") : null)));
      return Future.all(claims).map(all -> claims.stream().map(Future::result).filter(id -> id != null).toList());
    });
  }

  /** Still UNKNOWN with no lookup scheduled: reconciliation gave up, only a repair settles it now. */
  Future<Boolean> awaitsRepair(SqlClient client, MoneyMovement movement) {
    return client.preparedQuery(movement.isRefund() ? REFUND_AWAITS_REPAIR : PAYMENT_AWAITS_REPAIR)
        .execute(Tuple.of(movement.id()))
        .map(rows -> rows.iterator().next().getLong("n") > 0);
  }

  /** A {@code payments} row (or a query's row with its columns) as its record. */
  static PaymentRecord paymentRecordOf(Row row) {
    return new PaymentRecord(row.getString("id"), row.getString("checkout_id"), row.getString("merchant_id"),
        row.getString("user_id"), row.getLong("amount"), row.getLong("refunded_amount"),
        PaymentStatus.valueOf(row.getString("status")), Rail.valueOf(row.getString("rail")), row.getString("bank_code"),
        row.getString("bank_message"), SqlTime.instant(row.getLocalDateTime("created_at")),
        SqlTime.instant(row.getLocalDateTime("updated_at")));
  }

  static RefundRecord refundRecordOf(Row row) {
    return new RefundRecord(row.getString("id"), row.getString("payment_id"), row.getLong("amount"),
        row.getString("reason"), PaymentStatus.valueOf(row.getString("status")), row.getString("bank_code"),
        row.getString("bank_message"), SqlTime.instant(row.getLocalDateTime("created_at")));
  }

  static MoneyMovement paymentOf(Row row) {
    return new MoneyMovement(row.getString("id"), row.getString("id"), row.getString("checkout_id"),
        row.getString("merchant_id"), row.getString("user_id"), row.getLong("amount"), Rail.valueOf(row.getString("rail")),
        row.getString("source_id"), row.getString("rail_tran_id"), row.getString("rail_tran_date"),
        row.getString("rail_ref"), PaymentStatus.valueOf(row.getString("status")), row.getInteger("reconcile_attempts"),
        row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC));
  }

  private static MoneyMovement refundOf(Row row) {
    return new MoneyMovement(row.getString("id"), row.getString("payment_id"), row.getString("checkout_id"),
        row.getString("merchant_id"), row.getString("user_id"), row.getLong("amount"), Rail.valueOf(row.getString("rail")),
        row.getString("source_id"), row.getString("rail_tran_id"), row.getString("rail_tran_date"),
        row.getString("rail_ref"), PaymentStatus.valueOf(row.getString("status")), row.getInteger("reconcile_attempts"),
        row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC));
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }

  /** When a movement that is still REQUESTED gets its first lookup. */
  private LocalDateTime staleAt() {
    return SqlTime.utc(clock.instant().plus(staleRequestedAfter));
  }



  private static String truncate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200);
  }
}
