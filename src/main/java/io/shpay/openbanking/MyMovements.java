package io.shpay.openbanking;

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
 * A user's own money movements in open banking, newest first: moves between their accounts (with their legs) and
 * withdrawals to SH Pay. A move's legs are part of the move, not items of their own; the transfers made for a
 * payment or refund belong to the payment's story, told by payments.
 */
final class MyMovements {

  private static final String MOVES = """
      SELECT id FROM account_moves
      WHERE user_id = ? AND created_at >= ? AND (created_at < ? OR (created_at = ? AND id < ?))
        AND (? = '' OR FIND_IN_SET(status, ?) > 0)
      ORDER BY created_at DESC, id DESC LIMIT ?""";
  private static final String WITHDRAWALS = """
      SELECT t.id FROM transfers t
      WHERE t.user_id = ? AND t.kind = 'WITHDRAW' AND t.purpose = 'TRANSFER'
        AND NOT EXISTS (SELECT 1 FROM account_moves m WHERE m.withdraw_transfer_id = t.id)
        AND t.created_at >= ? AND (t.created_at < ? OR (t.created_at = ? AND t.id < ?))
        AND (? = '' OR FIND_IN_SET(t.status, ?) > 0)
      ORDER BY t.created_at DESC, t.id DESC LIMIT ?""";

  private final Pool pool;
  private final MoveDesk moves;
  private final Transfers transfers;

  MyMovements(Pool pool, MoveDesk moves, Transfers transfers) {
    this.pool = pool;
    this.moves = moves;
    this.transfers = transfers;
  }

  /** {@code {items:[…]}}, at most {@code limit} of each kind (the caller merges; see {@link MovementPage}). */
  Future<JsonObject> page(String userId, JsonObject query) {
    Tuple params = params(userId, query);
    Future<List<JsonObject>> moved = pool.preparedQuery(MOVES).execute(params)
        .compose(rows -> each(rows, id -> moves.moveOf(userId, id).map(view -> view.toJson().put("type", "move"))));
    Future<List<JsonObject>> withdrawn = pool.preparedQuery(WITHDRAWALS).execute(params)
        .compose(rows -> each(rows, id -> transfers.find(id).map(found -> found.orElseThrow().view().toJson()
            .put("type", "withdrawal"))));
    return Future.all(moved, withdrawn).map(both -> {
      JsonArray items = new JsonArray();
      MovementPage.merge(List.of(moved.result(), withdrawn.result()), query.getInteger("limit")).items()
          .forEach(items::add);
      return new JsonObject().put("items", items);
    });
  }

  static Tuple params(String userId, JsonObject query) {
    String statuses = String.join(",", query.getJsonArray("statuses", new JsonArray()).stream()
        .map(Object::toString).toList());
    var beforeAt = SqlTime.utc(Instant.parse(query.getString("beforeAt")));
    return Tuple.from(new Object[] {userId, SqlTime.utc(Instant.parse(query.getString("fromAt"))), beforeAt, beforeAt,
        query.getString("beforeId", ""), statuses, statuses, query.getInteger("limit")});
  }

  private static Future<List<JsonObject>> each(io.vertx.sqlclient.RowSet<Row> rows,
      java.util.function.Function<String, Future<JsonObject>> view) {
    List<Future<JsonObject>> views = new ArrayList<>();
    rows.forEach(row -> views.add(view.apply(row.getString("id"))));
    return Future.all(views).map(all -> views.stream().map(Future::result).toList());
  }
}
