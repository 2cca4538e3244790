package io.shpay.openbanking;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeping the linked accounts in step with KFTC after the consent: a re-sync reads {@code account/list} again (new
 * accounts appear, accounts the bank no longer lists are marked CLOSED and leave the list), and unlinking one
 * account tells KFTC ({@code account/cancel}) before it leaves the list here. An account whose transfer or move is
 * still being settled cannot be unlinked: settling it needs the account.
 */
final class AccountSync {

  static final String ACCOUNT_CANCEL = "/v2.0/account/cancel";

  private static final String OPEN_ON_ACCOUNT = """
      SELECT (SELECT COUNT(*) FROM transfers WHERE account_id = ? AND status IN ('REQUESTED', 'UNKNOWN'))
           + (SELECT COUNT(*) FROM account_moves WHERE (from_account_id = ? OR to_account_id = ?)
                AND status IN ('REQUESTED', 'WITHDRAWING', 'DEPOSITING', 'RETURNING')) AS open_count""";

  private final Pool pool;
  private final LinkedAccounts accounts;
  private final UserBankCalls bank;
  private final OobToken oob;
  private final BankTranIdIssuer tranIds;
  private final BankTime time;

  AccountSync(Pool pool, LinkedAccounts accounts, UserBankCalls bank, OobToken oob, BankTranIdIssuer tranIds,
      BankTime time) {
    this.pool = pool;
    this.accounts = accounts;
    this.bank = bank;
    this.oob = oob;
    this.tranIds = tranIds;
    this.time = time;
  }

  /**
   * How many accounts appeared, how many the bank closed, how many KFTC listed that the person does not hold (left
   * unlinked), then the list.
   */
  Future<AccountSyncResult> sync(String userId) {
    return accounts.linkedFintechUseNums(userId).compose(before -> bank.get(userId, "/v2.0/user/me",
            access -> Future.succeededFuture(Map.of("user_seq_no", access.userSeqNo())))
        .compose(me -> !me.ok() ? Future.<KftcReply[]>failedFuture(BankFailures.of(me))
            : bank.get(userId, "/v2.0/account/list", access -> Future.succeededFuture(Map.of("user_seq_no",
                access.userSeqNo(), "include_cancel_yn", "N", "sort_order", "D")))
                .map(list -> new KftcReply[] {me, list}))
        .recover(failure -> failure instanceof BankUnreachable ? Future.failedFuture(BankFailures.unreachable())
            : Future.failedFuture(failure))
        .compose(replies -> {
          KftcReply reply = replies[1];
          if (!reply.ok()) {
            return Future.failedFuture(BankFailures.of(reply));
          }
          List<JsonObject> all = reply.body().getJsonArray("res_list", new JsonArray()).stream()
              .map(JsonObject.class::cast).toList();
          // Only accounts the person user/me names holds are SH Pay's to link (HeldAccounts).
          List<JsonObject> listed = HeldAccounts.heldBy(replies[0].body().getString("user_name"), all);
          int notHeld = all.size() - listed.size();
          Set<String> present = new HashSet<>();
          listed.forEach(account -> present.add(account.getString("fintech_use_num")));
          int added = (int) present.stream().filter(fintech -> !before.containsKey(fintech)).count();
          List<String> gone = before.entrySet().stream().filter(entry -> !present.contains(entry.getKey()))
              .map(Map.Entry::getValue).toList();
          return accounts.link(userId, listed)
              .compose(linked -> accounts.markClosed(userId, gone))
              .compose(closed -> accounts.ofUser(userId))
              .map(list -> new AccountSyncResult(added, gone.size(), notHeld, list));
        }));
  }

  /** Withdraws the account from SH Pay at KFTC, then unlinks it here; a bank that no longer knows it is fine. */
  Future<Void> unlink(String userId, String accountId) {
    return accounts.owned(userId, accountId)
        .compose(account -> pool.preparedQuery(OPEN_ON_ACCOUNT).execute(Tuple.of(accountId, accountId, accountId))
            .compose(rows -> rows.iterator().next().getLong("open_count") > 0
                ? Failures.<KftcReply>fail(ErrorCode.MOVEMENTS_IN_PROGRESS,
                    "A transfer or move of this account is still being settled; unlink it once it has settled.")
                // A token KFTC refuses is renewed and the call made again with the same id: a refused call used none.
                : newTranId().compose(tranId -> bank.post(userId, ACCOUNT_CANCEL, access -> new JsonObject()
                    .put("bank_tran_id", tranId)
                    .put("scope", "inquiry")
                    .put("fintech_use_num", account.fintechUseNum())))))
        .recover(failure -> failure instanceof BankUnreachable ? Future.failedFuture(BankFailures.unreachable())
            : Future.failedFuture(failure))
        .compose(reply -> reply.ok() || BankFailures.NO_SUCH_ACCOUNT.equals(reply.bankRspCode())
            ? accounts.unlink(userId, accountId)
            : Future.failedFuture(BankFailures.of(reply)));
  }

  private Future<String> newTranId() {
    return oob.get().compose(grant -> tranIds.issue(grant.clientUseCode())).map(DailyUniqueIds.Issued::id);
  }
}
