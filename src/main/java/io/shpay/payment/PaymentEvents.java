package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.privacy.AccountMasks;
import io.shpay.events.PaymentEventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes payment events into the outbox, inside the transaction of the change they describe, so
 * an event exists exactly when its change committed. The payload is {@link PaymentEventData},
 * version 1 of the published schema ({@code src/main/resources/events/payment-event.v1.schema.json}).
 */
final class PaymentEvents {

  /**
   * The payment as it now stands in this transaction, with its order, its FinAccount's number and its next event
   * number; the caller holds the payment's row lock, so no two transactions pick the same number.
   */
  private static final String PAYMENT_WITH_ORDER = """
      SELECT p.*, c.order_id, f.account_number,
             (SELECT COALESCE(MAX(e.sequence), 0) + 1 FROM outbox_events e WHERE e.aggregate_id = p.id) AS next_sequence
      FROM payments p
        JOIN checkouts c ON c.id = p.checkout_id
        LEFT JOIN fin_accounts f ON p.rail = 'NH' AND f.id = p.source_id
      WHERE p.id = ?""";
  private static final String INSERT = """
      INSERT INTO outbox_events (event_id, event_type, aggregate_id, sequence, payload, occurred_at)
      VALUES (?, ?, ?, ?, ?, ?)""";

  private final Clock clock;

  PaymentEvents(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records {@code type} for the payment as it now stands in this transaction, with the refund if
   * any, numbered after the payment's earlier events. The caller holds the payment's row lock.
   * Answers the payment as the event describes it.
   */
  Future<PaymentRecord> record(SqlConnection connection, PaymentEventType type, String paymentId, RefundRecord refund) {
    return connection.preparedQuery(PAYMENT_WITH_ORDER).execute(Tuple.of(paymentId)).compose(rows -> {
      Row row = rows.iterator().next();
      return write(connection, type, PaymentRecords.paymentRecordOf(row), row.getLong("next_sequence"),
          row.getString("order_id"), row.getString("account_number"), refund);
    });
  }

  /**
   * Records {@code type} for {@code payment} as its settlement left it, numbered and described from {@code locked},
   * the payment's row as {@link PaymentRecords#lockPaymentWithEventFields} locked it in this transaction: no read.
   */
  Future<PaymentRecord> recordSettled(SqlConnection connection, PaymentEventType type, PaymentRecord payment, Row locked) {
    return write(connection, type, payment, locked.getLong("next_sequence"), locked.getString("order_id"),
        locked.getString("account_number"), null);
  }

  /**
   * Records {@code type} as the payment's first event, for {@code payment} as its settlement left it, with its order
   * and its FinAccount's number (null for none) as the caller knows them: no read. The caller holds the payment's row
   * lock and knows it has no event yet; {@code uk_outbox_aggregate_sequence} refuses a second number 1.
   */
  Future<PaymentRecord> recordFirst(SqlConnection connection, PaymentEventType type, PaymentRecord payment,
      String orderId, String accountNumber) {
    return write(connection, type, payment, 1, orderId, accountNumber, null);
  }

  private Future<PaymentRecord> write(SqlConnection connection, PaymentEventType type, PaymentRecord payment,
      long sequence, String orderId, String accountNumber, RefundRecord refund) {
    Instant now = clock.instant();
    JsonObject payload = PaymentEventData.of(sequence, payment, orderId, AccountMasks.mask(accountNumber), refund, now);
    return connection.preparedQuery(INSERT)
        .execute(Tuple.of(UUID.randomUUID().toString(), type.wire(), payment.id(), sequence, payload.encode(),
            SqlTime.utc(now)))
        .map(payment);
  }
}
