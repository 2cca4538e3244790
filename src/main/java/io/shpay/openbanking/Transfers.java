package io.shpay.openbanking;

import io.shpay.common.db.SqlTime;
import io.shpay.common.ids.DailyUniqueIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code transfers}: one row per transfer, written before the bank is asked. */
final class Transfers {

  private static final String COLUMNS = """
      t.id, t.user_id, t.account_id, t.kind, t.amount, t.status, t.bank_tran_id, t.bank_tran_date, t.rsp_code,
      t.bank_rsp_code, t.bank_message, t.created_at, a.fintech_use_num""";
  private static final String INSERT = """
      INSERT INTO transfers (id, user_id, account_id, kind, amount, recipient_name, print_content, status, bank_tran_id,
                             bank_tran_date, claim_ref, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?)""";
  /** Only an open transfer may change: a settled one keeps its outcome whatever arrives later. */
  private static final String SETTLE = """
      UPDATE transfers SET status = ?, rsp_code = ?, bank_rsp_code = ?, bank_message = ?, updated_at = ?
      WHERE id = ? AND status IN ('REQUESTED', 'UNKNOWN')""";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM transfers t JOIN linked_accounts a ON a.id = t.account_id WHERE t.id = ?";
  private static final String BY_CLAIM = "SELECT t.id FROM transfers t WHERE t.claim_ref = ?";
  private static final String UNKNOWN = "SELECT " + COLUMNS
      + " FROM transfers t JOIN linked_accounts a ON a.id = t.account_id WHERE t.status = 'UNKNOWN' ORDER BY t.updated_at LIMIT ?";

  /** A stored transfer and what settling it needs. */
  record Stored(TransferView view, String userId, String kind, long amount, String bankTranId, String bankTranDate,
                String fintechUseNum) {}

  private final Pool pool;
  private final Clock clock;
  private final TransferNotices notices;

  Transfers(Pool pool, Clock clock, TransferNotices notices) {
    this.pool = pool;
    this.clock = clock;
    this.notices = notices;
  }

  Future<Stored> insert(String id, TransferRequest request, DailyUniqueIds.Issued tranId) {
    LocalDateTime now = now();
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, request.userId(), request.accountId(),
            request.kind().name(), request.amount(), request.recipientName(), request.printContent(), tranId.id(),
            tranId.dayText(), request.claim(), now, now}))
        .compose(inserted -> get(id));
  }

  Future<Stored> settle(String id, String status, KftcReply reply) {
    String rspCode = reply == null ? null : reply.rspCode();
    String bankRspCode = reply == null ? null : reply.bankRspCode();
    String message = reply == null ? null : truncate(reply.message(), 200);
    return pool.preparedQuery(SETTLE).execute(Tuple.of(status, rspCode, bankRspCode, message, now(), id))
        .compose(updated -> get(id).onSuccess(settled -> {
          if (updated.rowCount() == 1) {
            notices.settled(settled);
          }
        }));
  }

  Future<List<Stored>> unknown(int limit) {
    return pool.preparedQuery(UNKNOWN).execute(Tuple.of(limit)).map(rows -> {
      List<Stored> found = new ArrayList<>();
      rows.forEach(row -> found.add(toStored(row)));
      return found;
    });
  }

  Future<Optional<Stored>> find(String id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> rows.iterator().hasNext()
        ? Optional.of(toStored(rows.iterator().next()))
        : Optional.empty());
  }

  /** The transfer that already consumed {@code claim}, if any. */
  Future<Optional<Stored>> byClaim(String claim) {
    return pool.preparedQuery(BY_CLAIM).execute(Tuple.of(claim)).compose(rows -> rows.iterator().hasNext()
        ? find(rows.iterator().next().getString("id"))
        : Future.succeededFuture(Optional.empty()));
  }

  private Future<Stored> get(String id) {
    return find(id).map(Optional::orElseThrow);
  }

  private static Stored toStored(Row row) {
    JsonObject view = new JsonObject()
        .put("id", row.getString("id"))
        .put("kind", row.getString("kind"))
        .put("accountId", row.getString("account_id"))
        .put("amount", row.getLong("amount"))
        .put("currency", "KRW")
        .put("status", row.getString("status"))
        .put("bankTranId", row.getString("bank_tran_id"))
        .put("bankTranDate", row.getString("bank_tran_date"))
        .put("bankRspCode", row.getString("bank_rsp_code"))
        .put("bankMessage", row.getString("bank_message"))
        .put("createdAt", SqlTime.seoulText(row.getLocalDateTime("created_at")));
    return new Stored(new TransferView(view), row.getString("user_id"), row.getString("kind"), row.getLong("amount"),
        row.getString("bank_tran_id"), row.getString("bank_tran_date"), row.getString("fintech_use_num"));
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
