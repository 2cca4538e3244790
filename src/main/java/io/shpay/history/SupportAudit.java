package io.shpay.history;

import io.shpay.common.db.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;

/** Who searched the payment history, when, with which filter and how many entries they saw. */
final class SupportAudit {

  private static final String INSERT = """
      INSERT INTO support_queries (support_user_id, filter, result_count, queried_at) VALUES (?, ?, ?, ?)""";

  private final Pool pool;
  private final Clock clock;

  SupportAudit(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  Future<Void> record(String supportUserId, JsonObject filter, int resultCount) {
    String text = filter.encode();
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(supportUserId, text.length() <= 1000 ? text : text.substring(0, 1000), resultCount,
            SqlTime.utc(clock.instant())))
        .mapEmpty();
  }
}
