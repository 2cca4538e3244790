package io.shpay.payment;

import io.shpay.common.config.PaymentsConfig;
import io.shpay.common.db.ImplicitTransactions;
import io.shpay.events.PaymentEventType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies what a bank said to a payment or refund, under the payment's row lock, with its event
 * in the same transaction. Only an open movement (REQUESTED or UNKNOWN) changes: an outcome that
 * arrives twice (the answer and a later lookup) is applied once.
 */
final class Settlement {

  /** Gaps between lookups of an unknown outcome, then daily. */
  private static final Duration[] BACKOFF = {
      Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6)};
  private static final Duration DAILY = Duration.ofDays(1);

  private final ImplicitTransactions transactions;
  private final PaymentRecords records;
  private final PaymentEvents events;
  private final PaymentsConfig config;
  private final Clock clock;
  private final Runnable eventsCommitted;

  /** {@code eventsCommitted} runs after each transaction of {@link #apply} commits (it may have written an event). */
  Settlement(ImplicitTransactions transactions, PaymentRecords records, PaymentEvents events, PaymentsConfig config,
      Clock clock, Runnable eventsCommitted) {
    this.transactions = transactions;
    this.records = records;
    this.events = events;
    this.config = config;
    this.clock = clock;
    this.eventsCommitted = eventsCommitted;
  }

  Future<Void> apply(MoneyMovement movement, RailResult result) {
    return transactions.run(connection -> applyIn(connection, movement, result))
        .onSuccess(committed -> eventsCommitted.run());
  }

  /**
   * A pay's own settlement: as {@link #apply}, answering the payment as this transaction left it, read with its event
   * or under its lock. A final answer to the payment as the pay recorded it (still REQUESTED) is written without
   * locking it first ({@link #settleAsRecorded}); anything else, or a payment something else settled meanwhile, under
   * its lock. The payment's status is also its Idempotency-Key's answer: nothing else records the key.
   */
  Future<PaymentRecord> settlePay(RecordedPayment recorded, RailResult result) {
    MoneyMovement payment = recorded.movement();
    return transactions.run(connection -> settleAsRecorded(connection, recorded, result)
            .compose(settled -> settled.isPresent() ? Future.succeededFuture(settled.get())
                : settle(connection, payment, result))
            .compose(settled -> settled != null ? Future.succeededFuture(settled)
                // A repeated unknown writes no event to read the payment with.
                : records.paymentRecord(connection, payment.id())))
        .onSuccess(committed -> eventsCommitted.run());
  }

  /**
   * The bank's final answer to a payment as its pay recorded it: its outcome and its checkout's written by one
   * conditional {@code UPDATE}, which locks the payment as {@link #settle}'s read would, then its event. A payment
   * still REQUESTED has no event yet (every event is written with a change away from REQUESTED, under this lock), so
   * this one is its first. Empty, nothing written, when the answer is not final, the event cannot be described from
   * {@code recorded}, or the payment is no longer REQUESTED (a lookup settled it first): then {@link #settle} decides.
   */
  private Future<Optional<PaymentRecord>> settleAsRecorded(SqlConnection connection, RecordedPayment recorded,
      RailResult result) {
    PaymentStatus status = result.outcome();
    boolean isFinal = status == PaymentStatus.APPROVED || status == PaymentStatus.FAILED;
    if (!isFinal || !recorded.describable() || recorded.movement().status() != PaymentStatus.REQUESTED) {
      return Future.succeededFuture(Optional.empty());
    }
    boolean approved = status == PaymentStatus.APPROVED;
    PaymentEventType type = approved ? PaymentEventType.APPROVED : PaymentEventType.FAILED;
    // A failed payment leaves the checkout to be paid again, from another account or after topping up.
    CheckoutStatus checkout = approved ? CheckoutStatus.PAID : CheckoutStatus.OPEN;
    return records.settleIfRequested(connection, recorded.movement(), status, result.bankCode(), result.bankMessage(),
            result.railRef(), checkout)
        .compose(settled -> settled.isEmpty() ? Future.succeededFuture(settled)
            : events.recordFirst(connection, type, settled.get(), recorded.orderId(), recorded.accountNumber())
                .map(Optional::of));
  }

  /** {@link #apply} inside the caller's transaction (a repair writes its audit row in the same one). */
  Future<Void> applyIn(SqlConnection connection, MoneyMovement movement, RailResult result) {
    return settle(connection, movement, result).mapEmpty();
  }

  /**
   * Settles under the payment's lock. The locked row is the payment as it stands (no second read of it), with what
   * its settlement's event needs; a refund is read under its payment's lock. For a payment, answers it as it now
   * stands when that is known without a read (unchanged, as its final outcome was written, or read with its UNKNOWN
   * event), else null.
   */
  private Future<PaymentRecord> settle(SqlConnection connection, MoneyMovement movement, RailResult result) {
    Future<Optional<Row>> locking = movement.isRefund() ? records.lockPayment(connection, movement.paymentId())
        : records.lockPaymentWithEventFields(connection, movement.paymentId());
    return locking.compose(locked -> {
      Row payment = locked.orElseThrow();
      Future<MoneyMovement> current = movement.isRefund()
          ? records.refund(connection, movement.id()).map(found -> found.orElseThrow())
          : Future.succeededFuture(PaymentRecords.paymentOf(payment));
      return current.compose(now -> {
        if (!now.status().isOpen()) {
          return Future.succeededFuture(PaymentRecords.paymentRecordOf(payment));
        }
        Future<Void> ref = result.railRef() != null && now.railRef() == null
            ? records.setRailRef(connection, now, result.railRef())
            : Future.succeededFuture();
        return ref.compose(ignored -> movement.isRefund()
            ? settleRefund(connection, now, result).map((PaymentRecord) null)
            : settlePayment(connection, payment, now, result));
      });
    });
  }

  /** {@code locked}: the payment's row with its event fields, as this transaction locked it. */
  private Future<PaymentRecord> settlePayment(SqlConnection connection, Row locked, MoneyMovement payment,
      RailResult result) {
    return switch (result.outcome()) {
      case APPROVED -> records.settleWithCheckout(connection, locked, PaymentStatus.APPROVED, result.bankCode(),
              result.bankMessage(), CheckoutStatus.PAID)
          .compose(settled -> events.recordSettled(connection, PaymentEventType.APPROVED, settled, locked));
      // The checkout may be paid again, from another account or after topping up.
      case FAILED -> records.settleWithCheckout(connection, locked, PaymentStatus.FAILED, result.bankCode(),
              result.bankMessage(), CheckoutStatus.OPEN)
          .compose(settled -> events.recordSettled(connection, PaymentEventType.FAILED, settled, locked));
      default -> stillUnknown(connection, payment, result)
          .compose(first -> first ? events.record(connection, PaymentEventType.UNKNOWN, payment.id(), null)
              : Future.succeededFuture((PaymentRecord) null));
    };
  }

  private Future<Void> settleRefund(SqlConnection connection, MoneyMovement refund, RailResult result) {
    return switch (result.outcome()) {
      case APPROVED -> records.settle(connection, refund, PaymentStatus.APPROVED, result.bankCode(),
              result.bankMessage(), null, refund.reconcileAttempts())
          .compose(ignored -> records.addRefunded(connection, refund.paymentId(), refund.amount()))
          .compose(ignored -> records.refundRecord(connection, refund.id()))
          .compose(settled -> events.record(connection, PaymentEventType.REFUNDED, refund.paymentId(), settled))
          .mapEmpty();
      case FAILED -> records.settle(connection, refund, PaymentStatus.FAILED, result.bankCode(),
              result.bankMessage(), null, refund.reconcileAttempts())
          .compose(ignored -> records.refundRecord(connection, refund.id()))
          .compose(settled -> events.record(connection, PaymentEventType.REFUND_FAILED, refund.paymentId(), settled))
          .mapEmpty();
      default -> stillUnknown(connection, refund, result).mapEmpty();
    };
  }

  /** Schedules the next lookup; true when the movement just became unknown (not on a repeated lookup). */
  private Future<Boolean> stillUnknown(SqlConnection connection, MoneyMovement movement, RailResult result) {
    boolean first = movement.status() != PaymentStatus.UNKNOWN;
    int attempts = first ? 0 : movement.reconcileAttempts() + 1;
    Instant next = first ? clock.instant().plus(config.reconcileFirstAfter())
        : nextLookup(clock.instant(), movement.createdAt(), attempts, config.reconcileGiveUpAfter());
    return records.settle(connection, movement, PaymentStatus.UNKNOWN, result.bankCode(), result.bankMessage(), next,
        attempts).map(first);
  }

  /**
   * When to look up a still-unknown movement again after lookup number {@code attempts}: growing gaps, then daily;
   * null (no more lookups, a person must look) once that would be past {@code giveUpAfter} from its creation.
   */
  static Instant nextLookup(Instant now, Instant createdAt, int attempts, Duration giveUpAfter) {
    Duration gap = attempts - 1 < BACKOFF.length ? BACKOFF[Math.max(0, attempts - 1)] : DAILY;
    Instant next = now.plus(gap);
    return next.isAfter(createdAt.plus(giveUpAfter)) ? null : next;
  }
}
