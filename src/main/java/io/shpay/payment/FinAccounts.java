package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * NH FinAccounts: issued synchronously (OpenFinAccountDirect, then CheckOpenFinAccountDirect) and
 * stored only when NH issued one, so a failed issuance leaves nothing behind.
 */
final class FinAccounts {

  private static final String INSERT = """
      INSERT INTO fin_accounts (id, user_id, fin_acno, bank_code, account_number, created_at) VALUES (?, ?, ?, ?, ?, ?)
      ON DUPLICATE KEY UPDATE id = id""";
  private static final String BY_FIN_ACNO = "SELECT * FROM fin_accounts WHERE user_id = ? AND fin_acno = ?";
  private static final String OWNED = "SELECT * FROM fin_accounts WHERE id = ? AND user_id = ?";
  private static final String OF_USER = "SELECT * FROM fin_accounts WHERE user_id = ? ORDER BY created_at";

  /** An owned FinAccount with what the NH calls need. */
  record FinAccount(String id, String finAcno, String bankCode, String accountNumber) {}

  private final Pool pool;
  private final NhClient nh;
  private final IsTunos isTunos;
  private final Clock clock;

  FinAccounts(Pool pool, NhClient nh, IsTunos isTunos, Clock clock) {
    this.pool = pool;
    this.nh = nh;
    this.isTunos = isTunos;
    this.clock = clock;
  }

  Future<JsonObject> issue(String userId, String bankCode, String accountNumber, String birthDate) {
    return isTunos.issue()
        .compose(isTuno -> nh.call("OpenFinAccountDirect", NhClient.DRAWING, isTuno.id(), new JsonObject()
            .put("DrtrRgyn", "Y").put("BrdtBrno", birthDate).put("Bncd", bankCode).put("Acno", accountNumber)))
        .compose(opened -> opened.ok()
            ? isTunos.issue().compose(isTuno -> nh.call("CheckOpenFinAccountDirect", NhClient.DRAWING, isTuno.id(),
                new JsonObject().put("Rgno", opened.body().getString("Rgno")).put("BrdtBrno", birthDate)))
            : Future.succeededFuture(opened))
        .recover(unreachable -> Failures.fail(ErrorCode.BANK_UNAVAILABLE, "NH did not answer; try again later."))
        .compose(checked -> {
          String finAcno = checked.body().getString("FinAcno");
          if (!checked.ok() || finAcno == null || finAcno.isBlank()) {
            return Failures.fail(ErrorCode.BANK_REJECTED, "NH did not issue a FinAccount: " + checked.rsms()
                + " (" + checked.rpcd() + ").");
          }
          return pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID().toString(), userId, finAcno, bankCode,
                  accountNumber, SqlTime.utc(clock.instant())))
              .compose(stored -> pool.preparedQuery(BY_FIN_ACNO).execute(Tuple.of(userId, finAcno)))
              .map(rows -> view(rows.iterator().next()));
        });
  }

  Future<Optional<FinAccount>> owned(String userId, String id) {
    return pool.preparedQuery(OWNED).execute(Tuple.of(id, userId)).map(rows -> rows.iterator().hasNext()
        ? Optional.of(toFinAccount(rows.iterator().next()))
        : Optional.empty());
  }

  Future<Optional<FinAccount>> byId(String id) {
    return pool.preparedQuery("SELECT * FROM fin_accounts WHERE id = ?").execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? Optional.of(toFinAccount(rows.iterator().next())) : Optional.empty());
  }

  Future<JsonObject> ofUser(String userId) {
    return pool.preparedQuery(OF_USER).execute(Tuple.of(userId)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(view(row)));
      return new JsonObject().put("items", items);
    });
  }

  private static FinAccount toFinAccount(Row row) {
    return new FinAccount(row.getString("id"), row.getString("fin_acno"), row.getString("bank_code"),
        row.getString("account_number"));
  }

  private static JsonObject view(Row row) {
    String number = row.getString("account_number");
    String masked = number.length() <= 4 ? "****" : number.substring(0, number.length() - 4) + "****";
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("bankCode", row.getString("bank_code"))
        .put("accountNumMasked", masked)
        .put("createdAt", SqlTime.utcText(row.getLocalDateTime("created_at")));
  }
}
