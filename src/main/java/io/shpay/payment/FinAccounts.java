package io.shpay.payment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * NH FinAccounts: issued synchronously (OpenFinAccountDirect, then CheckOpenFinAccountDirect) and
 * stored only when NH issued one, so a failed issuance leaves nothing behind. An account number and
 * a birth date are easy to learn, so neither proves the account is the user's: before anything is
 * issued, NH's holder name ({@code InquireDepositorAccountNumber}) must be the user's name, and the
 * FinAccount stays unpayable until the user confirms the code of a 1-won deposit
 * ({@link FinAccountVerification}).
 */
final class FinAccounts {

  private static final String INSERT = """
      INSERT INTO fin_accounts (id, user_id, fin_acno, bank_code, account_number, created_at) VALUES (?, ?, ?, ?, ?, ?)
      ON DUPLICATE KEY UPDATE deleted_at = NULL""";
  private static final String BY_FIN_ACNO = "SELECT * FROM fin_accounts WHERE user_id = ? AND fin_acno = ?";
  /** A deleted FinAccount is gone for its owner: not listed, not shown, not chargeable (its payments stay). */
  private static final String OWNED = "SELECT * FROM fin_accounts WHERE id = ? AND user_id = ? AND deleted_at IS NULL";
  /**
   * A FinAccount ({@code f}) a payer may be charged from: theirs, undeleted and verified. Parameters: its id, then the
   * user's id.
   */
  static final String CHARGEABLE_BY_USER =
      "f.id = ? AND f.user_id = ? AND f.deleted_at IS NULL AND f.verified_at IS NOT NULL";
  private static final String LOCK_OWNED_VERIFIED =
      "SELECT 1 FROM fin_accounts f WHERE " + CHARGEABLE_BY_USER + " LOCK IN SHARE MODE";
  private static final String OF_USER =
      "SELECT * FROM fin_accounts WHERE user_id = ? AND deleted_at IS NULL ORDER BY created_at";
  private static final String DELETE_ALL_OF_USER = """
      UPDATE fin_accounts SET deleted_at = ?, nickname = NULL, code_digest = NULL, code_salt = NULL,
        code_expires_at = NULL
      WHERE user_id = ? AND deleted_at IS NULL""";
  private static final String RENAME = "UPDATE fin_accounts SET nickname = ? WHERE id = ? AND user_id = ? AND deleted_at IS NULL";
  private static final String DELETE = """
      UPDATE fin_accounts SET deleted_at = ?, code_digest = NULL, code_salt = NULL, code_expires_at = NULL
      WHERE id = ? AND user_id = ? AND deleted_at IS NULL""";
  /** Whether money of the user is still moving: a payment, a refund of one, or a 1-won deposit not settled. */
  private static final String OPEN_MOVEMENTS = """
      SELECT (SELECT COUNT(*) FROM payments WHERE user_id = ? AND status IN ('REQUESTED', 'UNKNOWN'))
           + (SELECT COUNT(*) FROM refunds r JOIN payments p ON p.id = r.payment_id
                WHERE p.user_id = ? AND r.status IN ('REQUESTED', 'UNKNOWN')) AS open_count""";

  /** An owned FinAccount with what the NH calls need; only a verified one may be charged. */
  record FinAccount(String id, String userId, String finAcno, String bankCode, String accountNumber,
      boolean verified) {}

  /**
   * Verified FinAccounts by id, with their owner, for the reads that follow a pay's ownership check (the NH call, its
   * lookup): those need the NH fields of the FinAccount the pay already read, which never change once it is verified,
   * and neither does its owner. Whether it is still the payer's to charge is never answered from here: a FinAccount
   * can be deleted, on any replica, and a deleted one must not be charged a moment later. So a pay either asks MySQL
   * first ({@link #owned}) or, for one remembered here ({@link #rememberedAsOwnedBy}), records its payment only if
   * the row still says so, in the payment's own transaction. Unverified ones are never cached. Bounded.
   */
  private final Cache<String, FinAccount> verified = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterAccess(Duration.ofMinutes(30)).build();


  private final Pool pool;
  private final NhClient nh;
  private final IsTunos isTunos;
  private final FinAccountVerification verification;
  private final Clock clock;

  FinAccounts(Pool pool, NhClient nh, IsTunos isTunos, FinAccountVerification verification, Clock clock) {
    this.pool = pool;
    this.nh = nh;
    this.isTunos = isTunos;
    this.verification = verification;
    this.clock = clock;
  }

  /**
   * Issues (or finds again) the user's FinAccount over the account once NH names {@code userName} as
   * its holder, and sends a fresh code unless it is verified already: the FinAccount's view.
   */
  Future<FinAccountView> issue(String userId, String userName, String bankCode, String accountNumber, String birthDate) {
    return holderIs(userName, bankCode, accountNumber)
        .compose(named -> open(bankCode, accountNumber, birthDate))
        .compose(finAcno -> pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID().toString(), userId, finAcno,
                bankCode, accountNumber, SqlTime.utc(clock.instant())))
            .compose(stored -> pool.preparedQuery(BY_FIN_ACNO).execute(Tuple.of(userId, finAcno))))
        .compose(rows -> {
          FinAccount account = toFinAccount(rows.iterator().next());
          Future<Void> proven = account.verified() ? Future.succeededFuture()
              : verification.sendCode(userId, account.id(), account.finAcno());
          return proven.compose(sent -> view(userId, account.id()));
        });
  }

  /** Confirms the code of the 1-won deposit: the FinAccount's view, now payable. */
  Future<FinAccountView> verify(String userId, String id, String code) {
    return verification.verify(userId, id, code).compose(verified -> view(userId, id));
  }

  /** The refusal never says whose name the bank has: that would turn this route into a name look-up. */
  private Future<Void> holderIs(String userName, String bankCode, String accountNumber) {
    return isTunos.issue()
        .compose(isTuno -> nh.call("InquireDepositorAccountNumber", NhClient.RECEIVING, isTuno.id(),
            new JsonObject().put("Bncd", bankCode).put("Acno", accountNumber)))
        .recover(unreachable -> Failures.fail(ErrorCode.BANK_UNAVAILABLE, "NH did not answer; try again later."))
        .compose(depositor -> {
          if (!depositor.ok()) {
            return Failures.fail(ErrorCode.BANK_REJECTED, "NH does not know this account: " + depositor.rsms()
                + " (" + depositor.rpcd() + ").");
          }
          return VerificationCodes.sameHolder(depositor.body().getString("Dpnm"), userName)
              ? Future.succeededFuture()
              : Failures.fail(ErrorCode.HOLDER_NAME_MISMATCH,
                  "The bank's holder of this account is not the name on your SH Pay account; only your own account can be added.");
        });
  }

  private Future<String> open(String bankCode, String accountNumber, String birthDate) {
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
          return Future.succeededFuture(finAcno);
        });
  }

  private Future<FinAccountView> view(String userId, String id) {
    return pool.preparedQuery(OWNED).execute(Tuple.of(id, userId)).compose(rows -> rows.iterator().hasNext()
        ? Future.succeededFuture(view(rows.iterator().next()))
        : Failures.fail(ErrorCode.NOT_FOUND, "No FinAccount with this id."));
  }

  /** The FinAccount's view, as {@code GET /api/v1/fin-accounts/{id}} shows it. */
  Future<FinAccountView> detail(String userId, String id) {
    return view(userId, id);
  }

  /** Names the FinAccount ({@code nickname} null: no name). */
  Future<FinAccountView> rename(String userId, String id, String nickname) {
    return pool.preparedQuery(RENAME).execute(Tuple.of(nickname, id, userId)).compose(updated -> view(userId, id));
  }

  /**
   * Deletes the FinAccount for its owner: it leaves the list and cannot be charged; its payments stay readable and
   * refundable (a refund pays into its FinAcno, which NH still holds).
   */
  Future<Void> delete(String userId, String id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(SqlTime.utc(clock.instant()), id, userId))
        .compose(updated -> updated.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Failures.fail(ErrorCode.NOT_FOUND, "No FinAccount with this id."));
  }

  /** The SH Pay account closes: every FinAccount is deleted (kept for its payments, see {@link #OWNED}). */
  Future<Void> deleteAllOf(String userId) {
    return pool.preparedQuery(DELETE_ALL_OF_USER).execute(Tuple.of(SqlTime.utc(clock.instant()), userId)).mapEmpty();
  }

  Future<Boolean> hasOpenMovements(String userId) {
    return pool.preparedQuery(OPEN_MOVEMENTS).execute(Tuple.of(userId, userId))
        .map(rows -> rows.iterator().next().getLong("open_count") > 0);
  }

  /**
   * The user's FinAccount unless deleted. Always asked of MySQL, never of the in-process cache: a FinAccount deleted
   * through another replica must not stay chargeable here until the cache forgets it.
   */
  Future<Optional<FinAccount>> owned(String userId, String id) {
    return pool.preparedQuery(OWNED).execute(Tuple.of(id, userId)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      FinAccount account = toFinAccount(rows.iterator().next());
      remember(account);
      return Optional.of(account);
    });
  }

  /**
   * Whether {@code id} is a verified FinAccount of {@code userId} this process has read before: a hint that a pay will
   * most likely go to NH, to be confirmed by the payment's insert, never proof that it may be charged.
   */
  boolean rememberedAsOwnedBy(String userId, String id) {
    FinAccount known = verified.getIfPresent(id);
    return known != null && known.userId().equals(userId);
  }

  /**
   * Whether the FinAccount is the user's, undeleted and verified, read with a shared lock held to the end of the
   * caller's transaction: a deletion waits for it, or went first.
   */
  Future<Boolean> lockIfOwnedAndVerified(SqlConnection connection, String userId, String id) {
    return connection.preparedQuery(LOCK_OWNED_VERIFIED).execute(Tuple.of(id, userId))
        .map(rows -> rows.iterator().hasNext());
  }

  /** The account number of a verified FinAccount this process holds (it never changes once verified); no read. */
  Optional<String> rememberedNumber(String id) {
    return Optional.ofNullable(verified.getIfPresent(id)).map(FinAccount::accountNumber);
  }

  /** A remembered FinAccount that a payment's insert found deleted (or not the payer's): read it again next time. */
  void forget(String id) {
    verified.invalidate(id);
  }

  Future<Optional<FinAccount>> byId(String id) {
    FinAccount known = verified.getIfPresent(id);
    if (known != null) {
      return Future.succeededFuture(Optional.of(known));
    }
    return pool.preparedQuery("SELECT * FROM fin_accounts WHERE id = ?").execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      FinAccount account = toFinAccount(row);
      remember(account);
      return Optional.of(account);
    });
  }

  private void remember(FinAccount account) {
    if (account.verified()) {
      verified.put(account.id(), account);
    }
  }

  Future<List<FinAccountView>> ofUser(String userId) {
    return pool.preparedQuery(OF_USER).execute(Tuple.of(userId)).map(rows -> {
      List<FinAccountView> views = new ArrayList<>();
      rows.forEach(row -> views.add(view(row)));
      return views;
    });
  }

  private static FinAccount toFinAccount(Row row) {
    return new FinAccount(row.getString("id"), row.getString("user_id"), row.getString("fin_acno"),
        row.getString("bank_code"), row.getString("account_number"), row.getLocalDateTime("verified_at") != null);
  }

  /** The owner's view: the account number masked here, so the full one never crosses the event bus. */
  private static FinAccountView view(Row row) {
    String number = row.getString("account_number");
    String masked = number.length() <= 4 ? "****" : number.substring(0, number.length() - 4) + "****";
    boolean verified = row.getLocalDateTime("verified_at") != null;
    LocalDateTime codeExpires = row.getLocalDateTime("code_expires_at");
    return new FinAccountView(row.getString("id"), row.getString("bank_code"), masked, row.getString("nickname"),
        verified ? FinAccountView.Status.VERIFIED : FinAccountView.Status.PENDING_VERIFICATION,
        row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC),
        verified || codeExpires == null ? null : codeExpires.toInstant(ZoneOffset.UTC));
  }
}
