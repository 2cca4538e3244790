package io.shpay.openbanking;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.db.SqlTime;
import io.shpay.common.ids.DailyUniqueIds;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** SQL for {@code transfers}: one row per transfer, written before the bank is asked. */
final class Transfers {

  private static final String COLUMNS = """
      t.id, t.user_id, t.account_id, t.kind, t.amount, t.status, t.bank_tran_id, t.bank_tran_date, t.rsp_code,
      t.bank_rsp_code, t.bank_message, t.lookup_attempts, t.created_at, t.purpose, a.fintech_use_num""";
  /** Due for a look-up once it has been REQUESTED too long: whoever sent it is gone. */
  private static final String INSERT = """
      INSERT INTO transfers (id, user_id, idempotency_key, account_id, kind, amount, recipient_name, print_content, status,
                             bank_tran_id, bank_tran_date, claim_ref, next_attempt_at, created_at, updated_at, purpose)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?, ?, ?)""";
  /**
   * Only an open transfer may change: a settled one keeps its outcome whatever arrives later. An
   * UNKNOWN one is due for a look-up at once; a final one never again.
   */
  private static final String VOID = "INSERT INTO voided_transfer_ids (id, voided_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE id = id";
  private static final String IS_VOID = "SELECT 1 FROM voided_transfer_ids WHERE id = ?";
  private static final String SETTLE = """
      UPDATE transfers SET status = ?, rsp_code = ?, bank_rsp_code = ?, bank_message = ?, next_attempt_at = ?,
        updated_at = ?
      WHERE id = ? AND status IN ('REQUESTED', 'UNKNOWN')""";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM transfers t JOIN linked_accounts a ON a.id = t.account_id WHERE t.id = ?";
  private static final String BY_CLAIM = "SELECT t.id FROM transfers t WHERE t.claim_ref = ?";
  private static final String BY_KEY = "SELECT " + COLUMNS
      + " FROM transfers t JOIN linked_accounts a ON a.id = t.account_id WHERE t.user_id = ? AND t.idempotency_key = ?";
  private static final String DUE = "SELECT " + COLUMNS + """
       FROM transfers t JOIN linked_accounts a ON a.id = t.account_id
      WHERE t.status IN ('REQUESTED', 'UNKNOWN') AND t.next_attempt_at <= ?
      ORDER BY t.next_attempt_at LIMIT ?""";
  /** Takes a due transfer for one look-up; another replica that read it too finds it no longer due. */
  private static final String CLAIM = """
      UPDATE transfers SET next_attempt_at = ?
      WHERE id = ? AND status IN ('REQUESTED', 'UNKNOWN') AND next_attempt_at <= ?""";
  private static final String RESCHEDULE = """
      UPDATE transfers SET lookup_attempts = lookup_attempts + 1, next_attempt_at = ?
      WHERE id = ? AND status IN ('REQUESTED', 'UNKNOWN')""";

  /** Gaps between look-ups of a transfer the bank cannot answer for yet, then every {@link #LAST_GAP}. */
  private static final Duration[] BACKOFF = {
      Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};
  private static final Duration LAST_GAP = Duration.ofHours(6);
  /** How long a claimed look-up may take before another replica may try it. */
  private static final Duration CLAIM_FOR = Duration.ofMinutes(2);

  /**
   * A stored transfer and what settling it needs; {@code paymentLeg}: made for an SH Pay payment or
   * refund, whose own event tells the user.
   */
  record Stored(TransferView view, String userId, String accountId, String kind, long amount, String bankTranId, String bankTranDate,
                String fintechUseNum, int lookupAttempts, Instant createdAt, boolean paymentLeg) {}

  private final Pool pool;
  private final Clock clock;
  private final TransferNotices notices;

  private final Duration staleRequestedAfter;

  Transfers(Pool pool, Clock clock, TransferNotices notices, Duration staleRequestedAfter) {
    this.pool = pool;
    this.clock = clock;
    this.notices = notices;
    this.staleRequestedAfter = staleRequestedAfter;
  }

  /** The new transfer, or empty when a transfer with this id was recorded first by someone else. */
  Future<Optional<Stored>> insert(String id, TransferRequest request, DailyUniqueIds.Issued tranId) {
    LocalDateTime now = now();
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, request.userId(), request.idempotencyKey(),
            request.accountId(),
            request.kind().name(), request.amount(), request.recipientName(), request.printContent(), tranId.id(),
            tranId.dayText(), request.claim(), SqlTime.utc(clock.instant().plus(staleRequestedAfter)), now, now,
            request.paymentLeg() ? "PAYMENT" : "TRANSFER"}))
        .compose(inserted -> get(id).map(Optional::of))
        .recover(failure -> SqlErrors.isDuplicateKey(failure)
            ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(failure));
  }

  Future<Stored> settle(String id, String status, KftcReply reply) {
    String rspCode = reply == null ? null : reply.rspCode();
    String bankRspCode = reply == null ? null : reply.bankRspCode();
    String message = reply == null ? null : truncate(reply.message(), 200);
    LocalDateTime next = "UNKNOWN".equals(status) ? now() : null;
    return pool.preparedQuery(SETTLE).execute(Tuple.from(new Object[] {status, rspCode, bankRspCode, message, next, now(), id}))
        .compose(updated -> get(id).onSuccess(settled -> {
          if (updated.rowCount() == 1) {
            notices.settled(settled);
          }
        }));
  }

  /**
   * Up to {@code limit} open transfers whose look-up is due, earliest first, each claimed for this
   * caller by pushing its next attempt forward.
   */
  Future<List<Stored>> claimDue(int limit) {
    LocalDateTime now = now();
    LocalDateTime claimedUntil = SqlTime.utc(clock.instant().plus(CLAIM_FOR));
    return pool.preparedQuery(DUE).execute(Tuple.of(now, limit)).compose(rows -> {
      List<Future<Stored>> claims = new ArrayList<>();
      rows.forEach(row -> claims.add(pool.preparedQuery(CLAIM).execute(Tuple.of(claimedUntil, row.getString("id"), now))
          .map(claimed -> claimed.rowCount() == 1 ? toStored(row) : null)));
      return Future.all(claims).map(all -> claims.stream().map(Future::result).filter(Objects::nonNull).toList());
    });
  }

  /** The bank could not answer for the transfer yet: the next look-up waits a little longer each time. */
  Future<Void> reschedule(Stored transfer) {
    int attempt = transfer.lookupAttempts();
    Duration gap = attempt < BACKOFF.length ? BACKOFF[attempt] : LAST_GAP;
    return pool.preparedQuery(RESCHEDULE).execute(Tuple.of(SqlTime.utc(clock.instant().plus(gap)), transfer.view().id()))
        .mapEmpty();
  }

  /** The user's transfer made with this Idempotency-Key, if any. */
  Future<Optional<Stored>> findByKey(String userId, String idempotencyKey) {
    if (idempotencyKey == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery(BY_KEY).execute(Tuple.of(userId, idempotencyKey)).map(rows -> rows.iterator().hasNext()
        ? Optional.of(toStored(rows.iterator().next()))
        : Optional.empty());
  }

  /**
   * Voids an id no transfer was recorded under, so that none is ever sent under it; true when no
   * transfer has it. The void is written before the transfers are read, and a new transfer reads the
   * voids after its own insert ({@link #isVoided}): of a void and a transfer racing for one id, at least
   * one sees the other, and a transfer that sees the void is never sent.
   */
  Future<Boolean> voidIfUnrecorded(String id) {
    return pool.preparedQuery(VOID).execute(Tuple.of(id, now()))
        .compose(voided -> find(id))
        .map(Optional::isEmpty);
  }

  Future<Boolean> isVoided(String id) {
    return pool.preparedQuery(IS_VOID).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
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
    TransferView view = new TransferView(row.getString("id"), row.getString("kind"), row.getString("account_id"),
        row.getLong("amount"), row.getString("status"), row.getString("bank_tran_id"), row.getString("bank_tran_date"),
        row.getString("bank_rsp_code"), row.getString("bank_message"), SqlTime.instant(row.getLocalDateTime("created_at")));
    return new Stored(view, row.getString("user_id"), row.getString("account_id"),
        row.getString("kind"), row.getLong("amount"),
        row.getString("bank_tran_id"), row.getString("bank_tran_date"), row.getString("fintech_use_num"),
        row.getInteger("lookup_attempts"), row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC),
        "PAYMENT".equals(row.getString("purpose")));
  }

  private LocalDateTime now() {
    return SqlTime.utc(clock.instant());
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
