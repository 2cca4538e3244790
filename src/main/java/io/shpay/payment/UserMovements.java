package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.json.MovementPage;
import io.shpay.common.json.MovementQuery;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A user's payments and the refunds they received, newest first, for the API's list of money movements and the
 * timeline ({@link MovementQuery}; its {@code kinds} picks {@code payment} and/or {@code refund}), as records: the
 * REST items are built from them in the API, which merges them with the other capabilities' parts
 * ({@link MovementPage}).
 */
final class UserMovements {

  private static final String PAYMENTS = """
      SELECT p.*, c.order_id, c.item_name, m.name AS merchant_name
      FROM payments p JOIN checkouts c ON c.id = p.checkout_id JOIN merchants m ON m.id = p.merchant_id
      WHERE p.user_id = ? AND p.created_at >= ? AND (p.created_at < ? OR (p.created_at = ? AND p.id < ?))
        AND (? = '' OR FIND_IN_SET(p.status, ?) > 0)
      ORDER BY p.created_at DESC, p.id DESC LIMIT ?""";
  private static final String REFUNDS = """
      SELECT r.*, m.name AS merchant_name, c.item_name
      FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN checkouts c ON c.id = p.checkout_id
        JOIN merchants m ON m.id = p.merchant_id
      WHERE p.user_id = ? AND r.created_at >= ? AND (r.created_at < ? OR (r.created_at = ? AND r.id < ?))
        AND (? = '' OR FIND_IN_SET(r.status, ?) > 0)
      ORDER BY r.created_at DESC, r.id DESC LIMIT ?""";

  private final Pool pool;

  UserMovements(Pool pool) {
    this.pool = pool;
  }

  /** At most {@code limit} payments and {@code limit} refunds, each newest first (the API merges the page). */
  Future<PaymentMovementPage> page(String userId, MovementQuery query) {
    Tuple params = params(userId, query);
    Future<List<UserPayment>> payments = !query.asks("payment") ? Future.succeededFuture(List.of())
        : pool.preparedQuery(PAYMENTS).execute(params).map(rows -> each(rows, row -> new UserPayment(
            PaymentRecords.paymentRecordOf(row), row.getString("order_id"), row.getString("item_name"),
            row.getString("merchant_name"))));
    Future<List<UserRefund>> refunds = !query.asks("refund") ? Future.succeededFuture(List.of())
        : pool.preparedQuery(REFUNDS).execute(params).map(rows -> each(rows, row -> new UserRefund(
            PaymentRecords.refundRecordOf(row), row.getString("item_name"), row.getString("merchant_name"))));
    return Future.all(payments, refunds).map(both -> new PaymentMovementPage(payments.result(), refunds.result()));
  }

  private static Tuple params(String userId, MovementQuery query) {
    String statuses = String.join(",", query.statuses());
    var beforeAt = SqlTime.utc(query.beforeAt());
    return Tuple.from(new Object[] {userId, SqlTime.utc(query.fromAt()), beforeAt, beforeAt, query.beforeId(),
        statuses, statuses, query.limit()});
  }

  private static <T> List<T> each(RowSet<Row> rows, Function<Row, T> item) {
    List<T> items = new ArrayList<>();
    rows.forEach(row -> items.add(item.apply(row)));
    return items;
  }
}
