package io.shpay.payment;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.ids.DailyUniqueIds;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Refunds a payment, fully or in parts. The decision "does this refund fit" is taken under the
 * payment's row lock and counts refunds still in flight, so no interleaving of concurrent refunds
 * can return more than was paid.
 */
final class RefundDesk {

  private final Pool pool;
  private final PaymentRecords records;
  private final IsTunos isTunos;
  private final Rails rails;
  private final Settlement settlement;
  private final Clock clock;

  RefundDesk(Pool pool, PaymentRecords records, IsTunos isTunos, Rails rails, Settlement settlement, Clock clock) {
    this.pool = pool;
    this.records = records;
    this.isTunos = isTunos;
    this.rails = rails;
    this.settlement = settlement;
    this.clock = clock;
  }

  /**
   * Refunds once per Idempotency-Key: a key that already made a refund of this payment gets that
   * refund as it is now, and moves nothing.
   */
  Future<RefundRecord> refund(String merchantId, String paymentId, long amount, String reason, String idempotencyKey) {
    return records.payment(pool, paymentId)
        .compose(found -> found.filter(p -> p.merchantId().equals(merchantId))
            .map(p -> records.refundByKey(pool, paymentId, idempotencyKey))
            .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No payment with this id.")))
        .compose(earlier -> earlier.isPresent()
            ? answer(earlier.get(), amount)
            : refundNew(merchantId, paymentId, amount, reason, idempotencyKey));
  }

  private Future<RefundRecord> refundNew(String merchantId, String paymentId, long amount, String reason,
      String idempotencyKey) {
    return records.payment(pool, paymentId)
        .compose(found -> found.orElseThrow().rail() == Rail.NH
            ? isTunos.issue() : Future.succeededFuture((DailyUniqueIds.Issued) null))
        .compose(tranId -> decide(merchantId, paymentId, amount, reason, tranId, idempotencyKey))
        .compose(decided -> decided.isEmpty()
            // Another request with this key recorded its refund first.
            ? records.refundByKey(pool, paymentId, idempotencyKey).compose(raced -> answer(raced.orElseThrow(), amount))
            : send(decided.get()));
  }

  private Future<RefundRecord> send(MoneyMovement refund) {
    return rails.refund(refund)
        .compose(result -> settlement.apply(refund, result))
        .compose(settled -> records.refundRecord(pool, refund.id()));
  }

  private Future<RefundRecord> answer(MoneyMovement earlier, long amount) {
    return earlier.amount() == amount
        ? records.refundRecord(pool, earlier.id())
        : Failures.fail(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key already made a refund of another amount; use a new key.");
  }

  /** The new refund, or empty when a refund with this key was recorded first. */
  private Future<Optional<MoneyMovement>> decide(String merchantId, String paymentId, long amount, String reason,
      DailyUniqueIds.Issued tranId, String idempotencyKey) {
    return pool.withTransaction(connection -> records.lockPayment(connection, paymentId)
        .compose(found -> records.refundByKey(connection, paymentId, idempotencyKey).compose(earlier -> earlier.isPresent()
            ? Future.succeededFuture(Optional.<MoneyMovement>empty())
            : decideUnderLock(connection, found, merchantId, paymentId, amount, reason, tranId, idempotencyKey))));
  }

  private Future<Optional<MoneyMovement>> decideUnderLock(SqlConnection connection, Optional<Row> found,
      String merchantId, String paymentId, long amount, String reason, DailyUniqueIds.Issued tranId,
      String idempotencyKey) {
    if (found.isEmpty() || !found.get().getString("merchant_id").equals(merchantId)) {
      return Failures.fail(ErrorCode.NOT_FOUND, "No payment with this id.");
    }
    Row payment = found.get();
    if (!PaymentStatus.APPROVED.name().equals(payment.getString("status"))) {
      return Failures.fail(ErrorCode.PAYMENT_NOT_REFUNDABLE,
          "Payment is " + payment.getString("status") + "; only an approved payment can be refunded.");
    }
    return records.openRefundTotal(connection, paymentId).compose(open -> {
      long paid = payment.getLong("amount");
      long left = paid - payment.getLong("refunded_amount") - open;
      if (amount > left) {
        return Failures.fail(ErrorCode.REFUND_EXCEEDS_PAYMENT,
            "At most " + Math.max(0, left) + " won can still be refunded of the " + paid + " paid.");
      }
      Rail rail = Rail.valueOf(payment.getString("rail"));
      MoneyMovement refund = new MoneyMovement(UUID.randomUUID().toString(), paymentId,
          payment.getString("checkout_id"), merchantId, payment.getString("user_id"), amount,
          rail, payment.getString("source_id"), tranId == null ? null : tranId.id(),
          tranId == null ? null : tranId.dayText(), Rails.chosenTransferId(rail),
          PaymentStatus.REQUESTED, 0, clock.instant());
      return records.insertRefund(connection, refund, reason, idempotencyKey).map(Optional.of(refund));
    });
  }
}
