package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.ids.DailyUniqueIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The second half of proving a FinAccount is the user's (the first is the holder name): SH Pay
 * deposits 1 won with a 4-digit code in the passbook text, and the FinAccount can be charged once
 * the user types the code back. A code lives {@link #CODE_TTL}, allows {@link #MAX_WRONG_CODES}
 * wrong tries, and a FinAccount gets at most {@link #MAX_DEPOSITS_PER_DAY} deposits a day, which
 * bounds both the guessing (15 tries in 10,000 a day) and what SH Pay spends on it.
 *
 * <p>The won is SH Pay's: each deposit is recorded with its IsTuno before NH is asked and settled
 * with what NH said; a deposit NH did not answer stays UNKNOWN (never sent again).
 */
final class FinAccountVerification {

  static final Duration CODE_TTL = Duration.ofMinutes(10);
  static final int MAX_WRONG_CODES = 5;
  static final int MAX_DEPOSITS_PER_DAY = 3;
  static final long DEPOSIT_AMOUNT = 1;
  /** The settlement account's own passbook line for these deposits. */
  private static final String SETTLEMENT_TEXT = "SHPAY 1won verify";

  private static final Logger LOG = LoggerFactory.getLogger(FinAccountVerification.class);
  private static final String LOCK = "SELECT * FROM fin_accounts WHERE id = ? AND user_id = ? AND deleted_at IS NULL FOR UPDATE";
  private static final String DEPOSITS_SINCE =
      "SELECT COUNT(*) AS n FROM fin_account_deposits WHERE fin_account_id = ? AND created_at > ?";
  private static final String NEW_CODE = """
      UPDATE fin_accounts SET code_digest = ?, code_salt = ?, code_expires_at = ?, code_attempts = 0 WHERE id = ?""";
  private static final String INSERT_DEPOSIT = """
      INSERT INTO fin_account_deposits (id, fin_account_id, amount, is_tuno, tran_date, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, 'REQUESTED', ?, ?)""";
  private static final String SETTLE_DEPOSIT = """
      UPDATE fin_account_deposits SET status = ?, bank_code = ?, bank_message = ?, updated_at = ? WHERE id = ?""";
  private static final String WRONG_CODE = "UPDATE fin_accounts SET code_attempts = code_attempts + 1 WHERE id = ?";
  private static final String VERIFIED = """
      UPDATE fin_accounts SET verified_at = ?, code_digest = NULL, code_salt = NULL, code_expires_at = NULL WHERE id = ?""";

  private enum Outcome { VERIFIED, WRONG, LAST_WRONG, EXPIRED, LOCKED, NOT_FOUND }

  private record Deposit(String id, DailyUniqueIds.Issued isTuno, VerificationCodes.Issued code) {}

  private final Pool pool;
  private final NhClient nh;
  private final IsTunos isTunos;
  private final VerificationCodes codes = new VerificationCodes();
  private final Clock clock;

  FinAccountVerification(Pool pool, NhClient nh, IsTunos isTunos, Clock clock) {
    this.pool = pool;
    this.nh = nh;
    this.isTunos = isTunos;
    this.clock = clock;
  }

  /** A new code for the user's unverified FinAccount, sent with a 1-won deposit; the previous code stops working. */
  Future<Void> sendCode(String userId, String finAccountId, String finAcno) {
    return isTunos.issue()
        .compose(isTuno -> pool.withTransaction(connection -> record(connection, userId, finAccountId, isTuno)))
        .compose(deposit -> nh.call("ReceivedTransferFinAccount", NhClient.RECEIVING, deposit.isTuno().id(),
                new JsonObject().put("FinAcno", finAcno).put("Tram", Long.toString(DEPOSIT_AMOUNT))
                    .put("DractOtlt", SETTLEMENT_TEXT).put("MractOtlt", deposit.code().memo()))
            .transform(answer -> settle(deposit, answer.succeeded() ? answer.result() : null)));
  }

  /** Checks the code under the FinAccount's row lock, so parallel guesses count one by one. */
  Future<Void> verify(String userId, String finAccountId, String code) {
    return pool.withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(finAccountId, userId))
            .compose(rows -> rows.iterator().hasNext()
                ? check(connection, rows.iterator().next(), code)
                : Future.succeededFuture(Outcome.NOT_FOUND)))
        // Decided after the commit: a wrong try must be counted, not rolled back with the failure.
        .compose(outcome -> switch (outcome) {
          case VERIFIED -> Future.<Void>succeededFuture();
          case NOT_FOUND -> Failures.<Void>fail(ErrorCode.NOT_FOUND, "No FinAccount with this id.");
          case EXPIRED -> Failures.<Void>fail(ErrorCode.VERIFICATION_CODE_EXPIRED,
              "The code has expired (codes last " + CODE_TTL.toMinutes() + " minutes); register the account again.");
          case LOCKED, LAST_WRONG -> Failures.<Void>fail(ErrorCode.VERIFICATION_LOCKED,
              "This code took " + MAX_WRONG_CODES + " wrong tries and no longer works; register the account again.");
          case WRONG -> Failures.<Void>fail(ErrorCode.VERIFICATION_CODE_WRONG,
              "The code does not match the 1-won deposit's passbook text.");
        });
  }

  private Future<Outcome> check(SqlConnection connection, Row account, String code) {
    String id = account.getString("id");
    if (account.getLocalDateTime("verified_at") != null) {
      return Future.succeededFuture(Outcome.VERIFIED);
    }
    byte[] salt = bytes(account, "code_salt");
    byte[] digest = bytes(account, "code_digest");
    LocalDateTime expires = account.getLocalDateTime("code_expires_at");
    int attempts = account.getInteger("code_attempts");
    if (digest == null || expires == null) {
      return Future.succeededFuture(Outcome.EXPIRED);
    }
    if (attempts >= MAX_WRONG_CODES) {
      return Future.succeededFuture(Outcome.LOCKED);
    }
    if (!SqlTime.utc(clock.instant()).isBefore(expires)) {
      return Future.succeededFuture(Outcome.EXPIRED);
    }
    if (VerificationCodes.matches(salt, digest, code)) {
      return connection.preparedQuery(VERIFIED).execute(Tuple.of(SqlTime.utc(clock.instant()), id))
          .map(Outcome.VERIFIED);
    }
    return connection.preparedQuery(WRONG_CODE).execute(Tuple.of(id))
        .map(attempts + 1 >= MAX_WRONG_CODES ? Outcome.LAST_WRONG : Outcome.WRONG);
  }

  private Future<Deposit> record(SqlConnection connection, String userId, String finAccountId,
      DailyUniqueIds.Issued isTuno) {
    Instant now = clock.instant();
    return connection.preparedQuery(LOCK).execute(Tuple.of(finAccountId, userId))
        .compose(locked -> connection.preparedQuery(DEPOSITS_SINCE)
            .execute(Tuple.of(finAccountId, SqlTime.utc(now.minus(Duration.ofDays(1))))))
        .compose(counted -> {
          if (counted.iterator().next().getLong("n") >= MAX_DEPOSITS_PER_DAY) {
            return Future.failedFuture(Failures.rateLimited(Duration.ofDays(1).toSeconds()));
          }
          VerificationCodes.Issued code = codes.issue();
          Deposit deposit = new Deposit(UUID.randomUUID().toString(), isTuno, code);
          return connection.preparedQuery(NEW_CODE)
              .execute(Tuple.of(Buffer.buffer(code.digest()), Buffer.buffer(code.salt()),
                  SqlTime.utc(now.plus(CODE_TTL)), finAccountId))
              .compose(updated -> connection.preparedQuery(INSERT_DEPOSIT).execute(Tuple.of(deposit.id(), finAccountId,
                  DEPOSIT_AMOUNT, isTuno.id(), isTuno.dayText(), SqlTime.utc(now), SqlTime.utc(now))))
              .map(deposit);
        });
  }

  /** APPROVED or FAILED on NH's word; UNKNOWN when it did not answer or said the result is unknown. */
  private Future<Void> settle(Deposit deposit, NhReply answer) {
    String status = answer == null || answer.outcomeUnknown() ? "UNKNOWN" : answer.ok() ? "APPROVED" : "FAILED";
    String bankCode = answer == null ? null : answer.rpcd();
    String bankMessage = answer == null ? "NH did not answer" : truncate(answer.rsms());
    Future<Void> recorded = pool.preparedQuery(SETTLE_DEPOSIT)
        .execute(Tuple.of(status, bankCode, bankMessage, SqlTime.utc(clock.instant()), deposit.id())).mapEmpty();
    return recorded.compose(saved -> switch (status) {
      case "FAILED" -> Failures.<Void>fail(ErrorCode.BANK_REJECTED,
          "NH refused the 1-won verification deposit: " + answer.rsms() + " (" + answer.rpcd() + ").");
      case "UNKNOWN" -> {
        // The user may still have the won and its code; a second deposit would only spend more.
        LOG.warn("1-won verification deposit {} (IsTuno {}) has no answer from NH; left UNKNOWN", deposit.id(),
            deposit.isTuno().id());
        yield Future.<Void>succeededFuture();
      }
      default -> Future.<Void>succeededFuture();
    });
  }

  private static byte[] bytes(Row row, String column) {
    Buffer value = row.getBuffer(column);
    return value == null ? null : value.getBytes();
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200);
  }
}
