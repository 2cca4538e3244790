package io.shpay.sim;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What SH Pay's database says after a run: the money rows, the accounts they point at, and the outbox. */
record MoneyRecords(List<JsonObject> checkouts, List<JsonObject> payments, List<JsonObject> refunds,
    List<JsonObject> transfers, List<JsonObject> finAccounts, List<JsonObject> linkedAccounts, List<JsonObject> outbox,
    List<JsonObject> moves) {

  static final List<String> OPEN = List.of("REQUESTED", "PROCESSING", "UNKNOWN");

  static Future<MoneyRecords> read(Pool pool) {
    return Future.all(List.of(
            rows(pool, "SELECT id, status, amount FROM checkouts"),
            rows(pool, "SELECT id, checkout_id, user_id, merchant_id, amount, refunded_amount, rail, source_id, rail_tran_id,"
                + " rail_tran_date, rail_ref, status, bank_code, bank_message FROM payments"),
            rows(pool, "SELECT id, payment_id, amount, rail_tran_id, rail_tran_date, rail_ref, status, bank_code, bank_message"
                + " FROM refunds"),
            rows(pool, "SELECT id, user_id, account_id, kind, amount, status, bank_tran_id, bank_tran_date FROM transfers"),
            rows(pool, "SELECT id, bank_code, account_number FROM fin_accounts"),
            rows(pool, "SELECT id, fintech_use_num FROM linked_accounts"),
            rows(pool, "SELECT id, event_id, event_type, aggregate_id, payload, sent_at FROM outbox_events ORDER BY id"),
            // Own-account moves exist from schema V7 on; before that there are none.
            rows(pool, "SELECT id, user_id, amount, status, withdraw_transfer_id, deposit_transfer_id, return_transfer_id"
                + " FROM account_moves").otherwise(List.of())))
        .map(all -> new MoneyRecords(all.resultAt(0), all.resultAt(1), all.resultAt(2), all.resultAt(3), all.resultAt(4),
            all.resultAt(5), all.resultAt(6), all.resultAt(7)));
  }

  /** How many rows are still open: payments, refunds and transfers REQUESTED or UNKNOWN, checkouts PROCESSING. */
  static Future<Integer> openCount(Pool pool) {
    return pool.query("""
            SELECT (SELECT COUNT(*) FROM payments WHERE status IN ('REQUESTED', 'UNKNOWN'))
                 + (SELECT COUNT(*) FROM refunds WHERE status IN ('REQUESTED', 'UNKNOWN'))
                 + (SELECT COUNT(*) FROM transfers WHERE status IN ('REQUESTED', 'UNKNOWN'))
                 + (SELECT COUNT(*) FROM checkouts WHERE status = 'PROCESSING') AS open""")
        .execute().map(rows -> rows.iterator().next().getInteger("open"));
  }

  /** Outbox rows not yet marked sent. */
  static Future<Integer> unsentCount(Pool pool) {
    return pool.query("SELECT COUNT(*) AS unsent FROM outbox_events WHERE sent_at IS NULL").execute()
        .map(rows -> rows.iterator().next().getInteger("unsent"));
  }

  /** Every outbox event id. */
  static Future<List<String>> eventIds(Pool pool) {
    return rows(pool, "SELECT event_id FROM outbox_events").map(rows -> rows.stream().map(r -> r.getString("event_id")).toList());
  }

  private static Future<List<JsonObject>> rows(Pool pool, String sql) {
    return pool.query(sql).execute().map(toJson());
  }

  private static Function<RowSet<Row>, List<JsonObject>> toJson() {
    return rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row row : rows) {
        JsonObject json = new JsonObject();
        for (int i = 0; i < row.size(); i++) {
          Object value = row.getValue(i);
          json.put(row.getColumnName(i), value == null ? null : value instanceof Number || value instanceof Boolean
              ? value : value.toString());
        }
        out.add(json);
      }
      return out;
    };
  }
}
