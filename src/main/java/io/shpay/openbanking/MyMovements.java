package io.shpay.openbanking;

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
 * A user's own money movements in open banking, newest first: moves between their accounts (with their legs) and
 * withdrawals to SH Pay. A move's legs are part of the move, not items of their own; the transfers made for a
 * payment or refund belong to the payment's story, told by payments. The API builds the REST items and merges them
 * with the other capabilities' parts ({@link MovementPage}).
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

  /** At most {@code limit} moves and {@code limit} withdrawals, each newest first (the API merges the page). */
  Future<BankMovementPage> page(String userId, MovementQuery query) {
    Tuple params = params(userId, query);
    Future<List<MoveView>> moved = pool.preparedQuery(MOVES).execute(params)
        .compose(rows -> each(rows, id -> moves.moveOf(userId, id)));
    Future<List<TransferView>> withdrawn = pool.preparedQuery(WITHDRAWALS).execute(params)
        .compose(rows -> each(rows, id -> transfers.find(id).map(found -> found.orElseThrow().view())));
    return Future.all(moved, withdrawn).map(both -> new BankMovementPage(moved.result(), withdrawn.result()));
  }

  static Tuple params(String userId, MovementQuery query) {
    String statuses = String.join(",", query.statuses());
    var beforeAt = SqlTime.utc(query.beforeAt());
    return Tuple.from(new Object[] {userId, SqlTime.utc(query.fromAt()), beforeAt, beforeAt, query.beforeId(),
        statuses, statuses, query.limit()});
  }

  private static <T> Future<List<T>> each(RowSet<Row> rows, Function<String, Future<T>> view) {
    List<Future<T>> views = new ArrayList<>();
    rows.forEach(row -> views.add(view.apply(row.getString("id"))));
    return Future.all(views).map(all -> views.stream().map(Future::result).toList());
  }
}
