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
import java.util.Arrays;
import java.util.List;

/** The {@code payment_history} table: one row per payment event, searchable by support. */
final class HistoryEntries {

  private static final String INSERT = """
      INSERT INTO payment_history (event_id, event_type, payment_id, refund_id, user_id, merchant_id, order_id, rail,
        amount, refunded_amount, status, bank_code, bank_message, occurred_at, recorded_at, recorded_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /**
   * A row whose event id is already there (a redelivery, or the padding below) changes nothing. Unlike
   * {@code INSERT IGNORE} this still fails on every other error (NOT NULL, too long), so the event is retried or
   * dead-lettered, never acknowledged without its row; the server's strict SQL mode (MariaDB's default) makes a
   * multi-row statement fail as a whole on such a row, as a single-row one does.
   */
  private static final String ON_DUPLICATE = " ON DUPLICATE KEY UPDATE event_id = event_id";
  /** The most rows one statement writes; a longer list is written in several. */
  static final int MAX_ROWS = 128;
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
    Tuple row = Tuple.from(values(event, SqlTime.utc(clock.instant())));
    return pool.preparedQuery(INSERT).execute(row).<Void>mapEmpty()
        .recover(failure -> SqlErrors.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /**
   * Stores each event once, in list order (their {@code seq} follows it), in one statement per {@value #MAX_ROWS}
   * events. The row list is padded to a power of two by repeating the last row, which the unique event id makes a
   * no-op, so at most eight statement shapes exist and each stays prepared. A statement writes all its rows or none.
   */
  Future<Void> recordAll(List<PaymentEvent> events) {
    Future<Void> written = Future.succeededFuture();
    for (int from = 0; from < events.size(); from += MAX_ROWS) {
      List<PaymentEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_ROWS));
      written = written.compose(previous -> insertAll(chunk));
    }
    return written;
  }

  private Future<Void> insertAll(List<PaymentEvent> events) {
    int rows = Integer.highestOneBit(Math.max(1, events.size() - 1)) << (events.size() > 1 ? 1 : 0);
    LocalDateTime recordedAt = SqlTime.utc(clock.instant());
    List<Object> params = new ArrayList<>(rows * 16);
    StringBuilder sql = new StringBuilder(INSERT.substring(0, INSERT.indexOf("VALUES") + "VALUES ".length()));
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append(ROW);
      params.addAll(Arrays.asList(values(events.get(Math.min(i, events.size() - 1)), recordedAt)));
    }
    sql.append(ON_DUPLICATE);
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).mapEmpty();
  }

  private Object[] values(PaymentEvent event, LocalDateTime recordedAt) {
    PaymentEvent.Payment payment = event.payment();
    return new Object[] {
        event.id(), event.type().wire(), event.paymentId(), event.refund().map(PaymentEvent.Refund::id).orElse(null),
        event.userId(), event.merchantId(), payment.orderId(), payment.rail().name(),
        event.amount(), payment.refundedAmount(), event.status().name(), event.bankCode(),
        truncate(event.bankMessage()), SqlTime.utc(event.occurredAt()), recordedAt, recordedBy};
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
