package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.json.MovementPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's payments and the refunds they received, newest first, for the API's list of money movements and the
 * timeline (see {@link MovementPage} for the question's fields; {@code kinds} picks {@code payment} and/or
 * {@code refund}).
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

  Future<JsonObject> page(String userId, JsonObject query) {
    List<String> kinds = query.getJsonArray("kinds", new JsonArray().add("payment").add("refund")).stream()
        .map(Object::toString).toList();
    Tuple params = params(userId, query);
    Future<List<JsonObject>> payments = !kinds.contains("payment") ? Future.succeededFuture(List.of())
        : pool.preparedQuery(PAYMENTS).execute(params).map(rows -> views(rows, row -> paymentItem(PaymentRecords.paymentRecordOf(row))
            .put("type", "payment")
            .put("orderId", row.getString("order_id"))
            .put("itemName", row.getString("item_name"))
            .put("merchantName", row.getString("merchant_name"))));
    Future<List<JsonObject>> refunds = !kinds.contains("refund") ? Future.succeededFuture(List.of())
        : pool.preparedQuery(REFUNDS).execute(params).map(rows -> views(rows, row -> new JsonObject()
            .put("type", "refund")
            .put("id", row.getString("id"))
            .put("paymentId", row.getString("payment_id"))
            .put("amount", row.getLong("amount"))
            .put("currency", "KRW")
            .put("reason", row.getString("reason"))
            .put("status", row.getString("status"))
            .put("merchantName", row.getString("merchant_name"))
            .put("itemName", row.getString("item_name"))
            .put("createdAt", SqlTime.utcText(row.getLocalDateTime("created_at")))));
    return Future.all(payments, refunds).map(both -> {
      JsonArray items = new JsonArray();
      MovementPage.merge(List.of(payments.result(), refunds.result()), query.getInteger("limit")).items()
          .forEach(items::add);
      return new JsonObject().put("items", items);
    });
  }

  /** The payment's fields in a movement item, picked one by one from its record. */
  private static JsonObject paymentItem(PaymentRecord payment) {
    return new JsonObject()
        .put("id", payment.id())
        .put("checkoutId", payment.checkoutId())
        .put("merchantId", payment.merchantId())
        .put("amount", payment.amount())
        .put("refundedAmount", payment.refundedAmount())
        .put("currency", "KRW")
        .put("status", payment.status().name())
        .put("rail", payment.rail().name())
        .put("bankCode", payment.bankCode())
        .put("bankMessage", payment.bankMessage())
        .put("createdAt", payment.createdAt().toString())
        .put("updatedAt", payment.updatedAt().toString());
  }

  private static Tuple params(String userId, JsonObject query) {
    String statuses = String.join(",", query.getJsonArray("statuses", new JsonArray()).stream()
        .map(Object::toString).toList());
    var beforeAt = SqlTime.utc(Instant.parse(query.getString("beforeAt")));
    return Tuple.from(new Object[] {userId, SqlTime.utc(Instant.parse(query.getString("fromAt"))), beforeAt, beforeAt,
        query.getString("beforeId", ""), statuses, statuses, query.getInteger("limit")});
  }

  private static List<JsonObject> views(io.vertx.sqlclient.RowSet<Row> rows,
      java.util.function.Function<Row, JsonObject> view) {
    List<JsonObject> views = new ArrayList<>();
    rows.forEach(row -> views.add(view.apply(row)));
    return views;
  }
}
