package io.shpay.bench;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database's own count of what it was asked, from {@code SHOW GLOBAL STATUS}: statements (every round trip a
 * client made, the relay's, the consumers' and the timers' included, not only the request path's), explicit
 * {@code COMMIT}s, per completed operation. It checks the round trips the tests count on the
 * request path against all the work a payment causes, and the floor's "3 statements" against itself. (MariaDB's
 * {@code Handler_commit} counts every statement, inside a transaction or not, so it tells nothing more.)
 */
final class MysqlCounters {

  /** Status variable → the report's name for it, per operation. */
  private static final Map<String, String> COUNTED = Map.of(
      "Questions", "statementsPerOp",
      "Com_commit", "commitsPerOp");
  private static final String READ = "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit')";

  private MysqlCounters() {}

  /** The counters now, or empty when the database cannot be asked (a target without one). */
  static Map<String, Long> read(Pool mysql) {
    Map<String, Long> values = new LinkedHashMap<>();
    try {
      for (Row row : BenchContext.await(mysql.query(READ).execute())) {
        values.put(row.getString(0), Long.parseLong(row.getString(1)));
      }
    } catch (RuntimeException unavailable) {
      values.clear();
    }
    return values;
  }

  /** {@code {statementsPerOp, commitsPerOp}} from {@code before} to {@code after}. */
  static JsonObject perOperation(Map<String, Long> before, Map<String, Long> after, long operations) {
    JsonObject out = new JsonObject();
    COUNTED.forEach((variable, name) -> {
      Long from = before.get(variable);
      Long to = after.get(variable);
      if (from != null && to != null && operations > 0) {
        out.put(name, Math.round((to - from) * 10.0 / operations) / 10.0);
      }
    });
    return out;
  }
}
