package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** A user's own payments, newest first, for the user (and the assistant acting for them). */
final class UserPayments {

  static final int MAX_LIMIT = 100;

  private static final String LIST = """
      SELECT p.*, c.order_id, c.item_name, m.name AS merchant_name
      FROM payments p
      JOIN checkouts c ON c.id = p.checkout_id
      JOIN merchants m ON m.id = p.merchant_id
      WHERE p.user_id = ? AND (? IS NULL OR p.status = ?) AND p.created_at >= ? AND p.created_at < ?
      ORDER BY p.created_at DESC
      LIMIT ?""";

  private final Pool pool;

  UserPayments(Pool pool) {
    this.pool = pool;
  }

  /** Payments created on the query's Seoul days, both included. */
  Future<List<UserPayment>> list(String userId, UserPaymentQuery query) {
    String status = query.status() == null ? null : query.status().name();
    Tuple params = Tuple.from(new Object[] {userId, status, status,
        SqlTime.utc(query.from().atStartOfDay(BankTime.SEOUL).toInstant()),
        SqlTime.utc(query.to().plusDays(1).atStartOfDay(BankTime.SEOUL).toInstant()),
        Math.max(1, Math.min(query.limit(), MAX_LIMIT))});
    return pool.preparedQuery(LIST).execute(params).map(rows -> {
      List<UserPayment> items = new ArrayList<>();
      for (Row row : rows) {
        items.add(new UserPayment(PaymentRecords.paymentRecordOf(row), row.getString("order_id"),
            row.getString("item_name"), row.getString("merchant_name")));
      }
      return items;
    });
  }
}
