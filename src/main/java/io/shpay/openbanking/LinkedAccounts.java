package io.shpay.openbanking;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.shpay.common.balance.BalanceCache;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL for {@code linked_accounts}. Every read is by owner: another user's account does not exist here. */
final class LinkedAccounts {

  private static final String COLUMNS =
      "id, fintech_use_num, bank_code, bank_name, account_num_masked, COALESCE(user_alias, alias) AS alias, holder_name, is_main";
  private static final String UPSERT = """
      INSERT INTO linked_accounts (id, user_id, fintech_use_num, bank_code, bank_name, account_num_masked, alias,
                                   holder_name, account_type, is_main, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)
      ON DUPLICATE KEY UPDATE bank_name = VALUES(bank_name), account_num_masked = VALUES(account_num_masked),
        alias = VALUES(alias), holder_name = VALUES(holder_name), account_type = VALUES(account_type),
        status = 'LINKED', unlinked_at = NULL""";
  /** Only linked accounts are the user's to see and use; unlinked rows stay for the transfers that point at them. */
  private static final String OF_USER = "SELECT " + COLUMNS
      + " FROM linked_accounts WHERE user_id = ? AND status = 'LINKED' ORDER BY created_at, id";
  private static final String ONE = "SELECT " + COLUMNS
      + " FROM linked_accounts WHERE id = ? AND user_id = ? AND status = 'LINKED'";
  /** Paying a claim (a refund, a move's leg) into an account asks the bank even after the user unlinked it. */
  private static final String ONE_FOR_CLAIM = "SELECT " + COLUMNS + " FROM linked_accounts WHERE id = ? AND user_id = ?";
  /** The first linked account becomes the main one when the user has none yet. */
  private static final String HAS_MAIN =
      "SELECT COUNT(*) AS mains FROM linked_accounts WHERE user_id = ? AND is_main AND status = 'LINKED'";
  private static final String DEFAULT_MAIN =
      "UPDATE linked_accounts SET is_main = TRUE WHERE user_id = ? AND status = 'LINKED' ORDER BY created_at, id LIMIT 1";
  private static final String UNLINK_ALL = """
      UPDATE linked_accounts SET status = 'UNLINKED', unlinked_at = ?, is_main = FALSE
      WHERE user_id = ? AND status = 'LINKED'""";
  /** What names the person on the bank's side; the masked number and bank stay with the transfers' records. */
  private static final String ERASE_NAMES =
      "UPDATE linked_accounts SET alias = NULL, user_alias = NULL, holder_name = NULL WHERE user_id = ?";
  private static final String CHOOSE_MAIN = "UPDATE linked_accounts SET is_main = (id = ?) WHERE user_id = ?";

  /** An owned account with the KFTC number SH Pay uses for it. */
  record Linked(AccountView view, String fintechUseNum) {}

  private final Pool pool;
  private final Clock clock;
  private final BalanceCache balances;

  /** @param balances the kept bank balances, which an account leaving its user's list drops */
  LinkedAccounts(Pool pool, Clock clock, BalanceCache balances) {
    this.pool = pool;
    this.clock = clock;
    this.balances = balances;
  }

  /** Records the accounts of a KFTC account/list answer for the user. */
  Future<Void> link(String userId, List<JsonObject> kftcAccounts) {
    LocalDateTime now = SqlTime.utc(clock.instant());
    List<Tuple> rows = new ArrayList<>();
    // One millisecond apart, so accounts list in the order the bank gave them.
    int order = 0;
    for (JsonObject account : kftcAccounts) {
      LocalDateTime linkedAt = now.plusNanos(1_000_000L * order++);
      rows.add(Tuple.from(new Object[] {UUID.randomUUID().toString(), userId, account.getString("fintech_use_num"),
          account.getString("bank_code_std"), account.getString("bank_name"), account.getString("account_num_masked"),
          account.getString("account_alias"), account.getString("account_holder_name"),
          account.getString("account_type"), linkedAt}));
    }
    Future<Void> inserted = rows.isEmpty()
        ? Future.succeededFuture()
        : pool.preparedQuery(UPSERT).executeBatch(rows).mapEmpty();
    return inserted
        .compose(ignored -> pool.preparedQuery(HAS_MAIN).execute(Tuple.of(userId)))
        .compose(mains -> mains.iterator().next().getLong("mains") > 0
            ? Future.succeededFuture()
            : pool.preparedQuery(DEFAULT_MAIN).execute(Tuple.of(userId)).mapEmpty());
  }

  Future<List<AccountView>> ofUser(String userId) {
    return pool.preparedQuery(OF_USER).execute(Tuple.of(userId)).map(rows -> {
      List<AccountView> views = new ArrayList<>();
      rows.forEach(row -> views.add(toLinked(row).view()));
      return views;
    });
  }

  /** The account if this user owns it; {@code not_found} otherwise, whoever owns it. */
  Future<Linked> owned(String userId, String accountId) {
    return pool.preparedQuery(ONE).execute(Tuple.of(accountId, userId)).compose(rows -> rows.iterator().hasNext()
        ? Future.succeededFuture(toLinked(rows.iterator().next()))
        : Failures.fail(ErrorCode.NOT_FOUND, "No account with this id."));
  }

  /** As {@link #owned}, unlinked accounts included: where a claim (a refund, a move's leg) pays into. */
  Future<Linked> ownedForClaim(String userId, String accountId) {
    return pool.preparedQuery(ONE_FOR_CLAIM).execute(Tuple.of(accountId, userId)).compose(rows -> rows.iterator().hasNext()
        ? Future.succeededFuture(toLinked(rows.iterator().next()))
        : Failures.fail(ErrorCode.NOT_FOUND, "No account with this id."));
  }

  /** Every account of the user leaves the list (the consent ended); how many were linked. */
  Future<Integer> unlinkAll(String userId) {
    return linkedFintechUseNums(userId).compose(linked -> pool.preparedQuery(UNLINK_ALL)
        .execute(Tuple.of(SqlTime.utc(clock.instant()), userId))
        .compose(result -> balances.forget(List.copyOf(linked.values())).map(result.rowCount())));
  }

  private static final String RENAME =
      "UPDATE linked_accounts SET user_alias = ? WHERE id = ? AND user_id = ? AND status = 'LINKED'";

  private static final String LINKED_FINTECH = "SELECT id, fintech_use_num FROM linked_accounts WHERE user_id = ? AND status = 'LINKED'";
  private static final String MARK = """
      UPDATE linked_accounts SET status = ?, unlinked_at = ?, is_main = FALSE WHERE id = ? AND user_id = ? AND status = 'LINKED'""";

  /** fintech_use_num → id of the user's linked accounts. */
  Future<java.util.Map<String, String>> linkedFintechUseNums(String userId) {
    return pool.preparedQuery(LINKED_FINTECH).execute(Tuple.of(userId)).map(rows -> {
      java.util.Map<String, String> byFintech = new java.util.HashMap<>();
      rows.forEach(row -> byFintech.put(row.getString("fintech_use_num"), row.getString("id")));
      return byFintech;
    });
  }

  /** The bank no longer lists these accounts: they leave the list as CLOSED (a main one passes the role on). */
  Future<Void> markClosed(String userId, List<String> accountIds) {
    return mark(userId, accountIds, "CLOSED");
  }

  /** The user unlinked the account (a main one passes the role on). */
  Future<Void> unlink(String userId, String accountId) {
    return mark(userId, List.of(accountId), "UNLINKED");
  }

  private Future<Void> mark(String userId, List<String> accountIds, String status) {
    if (accountIds.isEmpty()) {
      return Future.succeededFuture();
    }
    LocalDateTime now = SqlTime.utc(clock.instant());
    List<Tuple> rows = accountIds.stream().map(id -> Tuple.of(status, now, id, userId)).toList();
    return pool.preparedQuery(MARK).executeBatch(rows)
        .compose(marked -> balances.forget(accountIds))
        .compose(forgotten -> pool.preparedQuery(HAS_MAIN).execute(Tuple.of(userId)))
        .compose(mains -> mains.iterator().next().getLong("mains") > 0
            ? Future.succeededFuture()
            : pool.preparedQuery(DEFAULT_MAIN).execute(Tuple.of(userId)).mapEmpty());
  }

  /** The user names the account ({@code alias} null: the bank's alias shows again). */
  Future<AccountView> rename(String userId, String accountId, String alias) {
    return pool.preparedQuery(RENAME).execute(Tuple.of(alias, accountId, userId))
        .compose(updated -> owned(userId, accountId)).map(Linked::view);
  }

  /** Forgets the holder names and aliases of all the user's accounts (the SH Pay account closes). */
  Future<Void> eraseNames(String userId) {
    return pool.preparedQuery(ERASE_NAMES).execute(Tuple.of(userId)).mapEmpty();
  }

  Future<AccountView> chooseMain(String userId, String accountId) {
    return owned(userId, accountId)
        .compose(found -> pool.preparedQuery(CHOOSE_MAIN).execute(Tuple.of(accountId, userId)))
        .compose(updated -> owned(userId, accountId))
        .map(Linked::view);
  }

  private static Linked toLinked(Row row) {
    return new Linked(AccountView.of(row.getString("id"), row.getString("bank_code"), row.getString("bank_name"),
        row.getString("account_num_masked"), row.getString("alias"), row.getString("holder_name"),
        row.getBoolean("is_main")), row.getString("fintech_use_num"));
  }
}
