package io.shpay.history;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.db.SqlTime;
import io.shpay.common.time.BankTime;
import io.shpay.events.PaymentEvent;
import io.shpay.events.PaymentEventType;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** The {@code payment_history} table: one row per payment event, searchable by support. */
final class HistoryEntries {

  private static final String INSERT = """
      INSERT INTO payment_history (event_id, event_type, payment_id, refund_id, user_id, merchant_id, order_id, rail,
        amount, refunded_amount, status, bank_code, bank_message, occurred_at, recorded_at, recorded_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String SELECT = "SELECT * FROM payment_history WHERE 1 = 1";
  // Filters are fixed fragments with bound parameters; only which fragments apply varies.
  private static final String BY_USER = " AND user_id = ?";
  private static final String BY_MERCHANT = " AND merchant_id = ?";
  private static final String BY_ORDER = " AND order_id = ?";
  private static final String BY_STATUS = " AND status = ?";
  private static final String ONLY_PAYMENTS = " AND refund_id IS NULL";
  private static final String ONLY_REFUNDS = " AND refund_id IS NOT NULL";
  private static final String FROM = " AND occurred_at >= ?";
  private static final String BEFORE = " AND occurred_at < ?";
  private static final String AFTER_CURSOR = " AND (occurred_at < ? OR (occurred_at = ? AND seq < ?))";
  private static final String NEWEST_FIRST = " ORDER BY occurred_at DESC, seq DESC LIMIT ?";

  private final Pool pool;
  private final Clock clock;
  private final String recordedBy;

  HistoryEntries(Pool pool, Clock clock, String recordedBy) {
    this.pool = pool;
    this.clock = clock;
    this.recordedBy = recordedBy;
  }

  /** Stores the event once: a second delivery of the same event id is a no-op. */
  Future<Void> record(PaymentEvent event) {
    PaymentEvent.Payment payment = event.payment();
    Tuple row = Tuple.from(new Object[] {
        event.id(), event.type().wire(), event.paymentId(), event.refund().map(PaymentEvent.Refund::id).orElse(null),
        event.userId(), event.merchantId(), payment.orderId(), payment.rail().name(),
        event.amount(), payment.refundedAmount(), event.status().name(), event.bankCode(),
        truncate(event.bankMessage()), SqlTime.utc(event.occurredAt()), SqlTime.utc(clock.instant()), recordedBy});
    return pool.preparedQuery(INSERT).execute(row).<Void>mapEmpty()
        .recover(failure -> SqlErrors.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /** One page of entries matching {@code query}, newest first. */
  Future<HistoryPage> search(HistoryQuery query) {
    StringBuilder sql = new StringBuilder(SELECT);
    List<Object> params = new ArrayList<>();
    filter(sql, params, BY_USER, query.userId());
    filter(sql, params, BY_MERCHANT, query.merchantId());
    filter(sql, params, BY_ORDER, query.orderId());
    filter(sql, params, BY_STATUS, query.status() == null ? null : query.status().name());
    if ("payment".equals(query.kind())) {
      sql.append(ONLY_PAYMENTS);
    } else if ("refund".equals(query.kind())) {
      sql.append(ONLY_REFUNDS);
    }
    if (query.from() != null) {
      filter(sql, params, FROM, startOfSeoulDay(query.from()));
    }
    if (query.to() != null) {
      filter(sql, params, BEFORE, startOfSeoulDay(query.to().plusDays(1)));
    }
    if (query.cursor() != null) {
      HistoryCursor cursor = HistoryCursor.decode(query.cursor());
      sql.append(AFTER_CURSOR);
      params.add(cursor.occurredAt());
      params.add(cursor.occurredAt());
      params.add(cursor.seq());
    }
    int limit = query.limit() == null ? 20 : query.limit();
    sql.append(NEWEST_FIRST);
    params.add(limit + 1);  // one more than asked tells whether there is a next page
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
      List<HistoryEntry> items = new ArrayList<>();
      HistoryCursor last = null;
      int seen = 0;
      for (Row row : rows) {
        if (++seen > limit) {
          break;
        }
        items.add(entryOf(row));
        last = new HistoryCursor(row.getLocalDateTime("occurred_at"), row.getLong("seq"));
      }
      return new HistoryPage(items, seen > limit && last != null ? last.encode() : null);
    });
  }

  private static void filter(StringBuilder sql, List<Object> params, String fragment, Object value) {
    if (value != null) {
      sql.append(fragment);
      params.add(value);
    }
  }

  private static LocalDateTime startOfSeoulDay(LocalDate day) {
    return SqlTime.utc(day.atStartOfDay(BankTime.SEOUL).toInstant());
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200);
  }

  private static HistoryEntry entryOf(Row row) {
    return new HistoryEntry(row.getString("event_id"),
        PaymentEventType.fromWire(row.getString("event_type")).orElseThrow(), row.getString("payment_id"),
        row.getString("refund_id"), row.getString("user_id"), row.getString("merchant_id"), row.getString("order_id"),
        Rail.valueOf(row.getString("rail")), row.getLong("amount"), row.getLong("refunded_amount"),
        PaymentStatus.valueOf(row.getString("status")), row.getString("bank_code"), row.getString("bank_message"),
        SqlTime.instant(row.getLocalDateTime("occurred_at")));
  }
}
