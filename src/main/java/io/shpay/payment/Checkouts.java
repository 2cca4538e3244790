package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.db.SqlErrors;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/** SQL for {@code checkouts}: what a merchant asks to be paid, once. */
final class Checkouts {

  static final String OPEN = "OPEN";
  static final String PROCESSING = "PROCESSING";
  static final String PAID = "PAID";

  private static final String INSERT = """
      INSERT INTO checkouts (id, merchant_id, order_id, amount, item_name, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)""";
  private static final String BY_ID = "SELECT * FROM checkouts WHERE id = ?";
  private static final String LOCK = BY_ID + " FOR UPDATE";
  private static final String SET_STATUS = "UPDATE checkouts SET status = ?, updated_at = ? WHERE id = ?";

  /** A checkout as the payment flow needs it. */
  record Checkout(String id, String merchantId, String orderId, long amount, String itemName, String status) {}

  private final Pool pool;
  private final Clock clock;

  Checkouts(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  Future<JsonObject> create(String merchantId, String orderId, long amount, String itemName) {
    String id = UUID.randomUUID().toString();
    LocalDateTime now = now();
    return pool.preparedQuery(INSERT).execute(Tuple.of(id, merchantId, orderId, amount, itemName, now, now))
        .recover(failure -> SqlErrors.isDuplicateKey(failure)
            ? Failures.fail(ErrorCode.ORDER_EXISTS, "A checkout for order " + orderId + " already exists.")
            : Future.failedFuture(failure))
        .compose(inserted -> pool.preparedQuery(BY_ID).execute(Tuple.of(id)))
        .map(rows -> view(rows.iterator().next()));
  }

  Future<Optional<JsonObject>> find(String id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(view(rows.iterator().next())) : Optional.empty());
  }

  /** Locks the checkout for the rest of the transaction: one payment decision at a time. */
  Future<Optional<Checkout>> lock(SqlConnection connection, String id) {
    return connection.preparedQuery(LOCK).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(toCheckout(rows.iterator().next())) : Optional.empty());
  }

  Future<Void> setStatus(SqlClient client, String id, String status) {
    return client.preparedQuery(SET_STATUS).execute(Tuple.of(status, now(), id)).mapEmpty();
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }

  private static Checkout toCheckout(Row row) {
    return new Checkout(row.getString("id"), row.getString("merchant_id"), row.getString("order_id"),
        row.getLong("amount"), row.getString("item_name"), row.getString("status"));
  }

  private static JsonObject view(Row row) {
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("merchantId", row.getString("merchant_id"))
        .put("orderId", row.getString("order_id"))
        .put("amount", row.getLong("amount"))
        .put("currency", "KRW")
        .put("itemName", row.getString("item_name"))
        .put("status", row.getString("status"))
        .put("createdAt", SqlTime.utcText(row.getLocalDateTime("created_at")));
  }
}
