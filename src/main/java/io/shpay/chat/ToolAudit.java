package io.shpay.chat;

import io.shpay.common.db.SqlTime;
import io.shpay.common.json.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Writes {@code chat_tool_calls}: one row per tool call and account it touched (who, which tool, which account). */
final class ToolAudit {

  private static final String INSERT = """
      INSERT INTO chat_tool_calls (user_id, conversation_id, tool, account_id, outcome, detail, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";

  private final Pool pool;
  private final Clock clock;

  ToolAudit(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  Future<Void> record(String userId, String conversationId, ToolResult result) {
    List<String> accounts = result.accountIds().isEmpty() ? java.util.Collections.singletonList(null) : result.accountIds();
    List<Tuple> rows = new ArrayList<>();
    for (String accountId : accounts) {
      rows.add(Tuple.from(new Object[] {userId, conversationId, result.tool(),
          Ids.isValid(accountId) ? accountId : null, result.outcome().name(), truncate(result.detail()),
          SqlTime.utc(clock.instant())}));
    }
    return pool.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200);
  }
}
