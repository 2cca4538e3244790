package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.privacy.AccountMasks;
import io.shpay.events.PaymentEventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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

  private static final String PAYMENT_WITH_ORDER = """
      SELECT p.*, c.order_id, f.account_number FROM payments p
        JOIN checkouts c ON c.id = p.checkout_id
        LEFT JOIN fin_accounts f ON p.rail = 'NH' AND f.id = p.source_id
      WHERE p.id = ?""";
  private static final String INSERT = """
      INSERT INTO outbox_events (event_id, event_type, aggregate_id, sequence, payload, occurred_at)
      VALUES (?, ?, ?, ?, ?, ?)""";
  /** The payment's next event number; the caller holds the payment's row lock, so no two transactions pick the same. */
  private static final String NEXT_SEQUENCE =
      "SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM outbox_events WHERE aggregate_id = ?";

  private final Clock clock;

  PaymentEvents(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records {@code type} for the payment as it now stands in this transaction, with the refund if
   * any, numbered after the payment's earlier events. The caller holds the payment's row lock.
   */
  Future<Void> record(SqlConnection connection, PaymentEventType type, String paymentId, RefundRecord refund) {
    return connection.preparedQuery(NEXT_SEQUENCE).execute(Tuple.of(paymentId))
        .map(next -> next.iterator().next().getLong("next"))
        .compose(sequence -> record(connection, type, paymentId, refund, sequence));
  }

  private Future<Void> record(SqlConnection connection, PaymentEventType type, String paymentId, RefundRecord refund,
      long sequence) {
    return connection.preparedQuery(PAYMENT_WITH_ORDER).execute(Tuple.of(paymentId)).compose(rows -> {
      var row = rows.iterator().next();
      Instant now = clock.instant();
      JsonObject payload = PaymentEventData.of(sequence, PaymentRecords.paymentRecordOf(row), row.getString("order_id"),
          AccountMasks.mask(row.getString("account_number")), refund, now);
      return connection.preparedQuery(INSERT)
          .execute(Tuple.of(UUID.randomUUID().toString(), type.wire(), paymentId, sequence, payload.encode(),
              SqlTime.utc(now)))
          .mapEmpty();
    });
  }
}
