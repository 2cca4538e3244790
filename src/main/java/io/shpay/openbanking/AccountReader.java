package io.shpay.openbanking;

import io.shpay.common.balance.BalanceCache;
import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Balances and transactions of a user's linked accounts. Balances are answered from the cache
 * at once and refreshed from the bank behind the answer when stale; transactions always come
 * from the bank, a KFTC page at a time.
 */
final class AccountReader {

  /** How many banks a user's "all balances" asks at once (only for accounts with nothing cached). */
  static final int PARALLEL_BANK_READS = 4;

  private final LinkedAccounts accounts;
  private final UserBankCalls bank;
  private final OobToken oob;
  private final BankTranIdIssuer tranIds;
  private final BalanceCache cache;
  private final OpenBankingConfig config;
  private final BankTime time;

  AccountReader(LinkedAccounts accounts, UserBankCalls bank, OobToken oob, BankTranIdIssuer tranIds,
      BalanceCache cache, OpenBankingConfig config, BankTime time) {
    this.accounts = accounts;
    this.bank = bank;
    this.oob = oob;
    this.tranIds = tranIds;
    this.cache = cache;
    this.config = config;
    this.time = time;
  }

  /**
   * A fresh answer kept for this user is read with one Redis round trip and no ownership query (see
   * {@link BalanceCache#freshFor}); anything else checks ownership in MySQL first.
   */
  Future<BalanceView> balance(String userId, String accountId, boolean fresh) {
    if (fresh) {
      return checkedBalance(userId, accountId, true);
    }
    return cache.freshFor(accountId, userId).compose(kept -> kept.isPresent()
        ? Future.succeededFuture(balanceOf(accountId, kept.get()))
        : checkedBalance(userId, accountId, false));
  }

  private Future<BalanceView> checkedBalance(String userId, String accountId, boolean fresh) {
    return accounts.owned(userId, accountId)
        .compose(account -> cache.balance(accountId, fresh, () -> fromBank(userId, account)))
        .map(view -> balanceOf(accountId, view));
  }

  /**
   * Every linked account's balance at once, from the cache; accounts with nothing cached are asked of their banks
   * {@link #PARALLEL_BANK_READS} at a time. An account its bank could not answer for carries {@code error} instead.
   */
  Future<AccountBalances> balances(String userId) {
    return accounts.ofUser(userId).compose(linked -> {
      List<String> ids = linked.stream().map(AccountView::id).toList();
      return cache.balances(ids, id -> () -> accounts.owned(userId, id)
              .compose(account -> fromBank(userId, account)), PARALLEL_BANK_READS,
          (id, failure) -> new JsonObject().put("error", BankFailures.describe(failure)))
          .map(answers -> {
            List<AccountBalance> items = new ArrayList<>();
            long total = 0;
            boolean complete = true;
            for (int i = 0; i < answers.size(); i++) {
              AccountView account = linked.get(i);
              JsonObject answer = answers.get(i);
              JsonObject error = answer.getJsonObject("error");
              if (error != null) {
                complete = false;
                items.add(AccountBalance.failed(account, error.getString("code"), error.getString("detail")));
              } else {
                total += answer.getLong("balance");
                items.add(AccountBalance.answered(account, balanceOf(account.id(), answer)));
              }
            }
            return new AccountBalances(items, total, complete);
          });
    });
  }

  /** The balance cache's answer as the view it is. */
  private static BalanceView balanceOf(String accountId, JsonObject cached) {
    return new BalanceView(accountId, cached.getLong("balance"), cached.getLong("available"),
        Instant.parse(cached.getString("asOf")), cached.getBoolean("stale"));
  }

  /** The KFTC profile of the user, from {@code user/me}. */
  Future<BankProfile> profile(String userId) {
    return bank.get(userId, "/v2.0/user/me", access -> Future.succeededFuture(Map.of("user_seq_no", access.userSeqNo())))
        .recover(failure -> failure instanceof BankUnreachable ? Future.failedFuture(BankFailures.unreachable())
            : Future.failedFuture(failure))
        .compose(reply -> reply.ok()
            ? Future.succeededFuture(new BankProfile(reply.body().getString("user_seq_no"),
                reply.body().getString("user_name"), Integer.parseInt(reply.body().getString("res_cnt", "0"))))
            : Future.failedFuture(BankFailures.of(reply)));
  }

  Future<TransactionPage> transactions(String userId, String accountId, TransactionQuery query) {
    return accounts.owned(userId, accountId)
        .compose(account -> bank.get(userId, "/v2.0/account/transaction_list/fin_num", access -> newTranId().map(tranId -> {
          Map<String, String> params = new HashMap<>();
          params.put("bank_tran_id", tranId);
          params.put("fintech_use_num", account.fintechUseNum());
          params.put("inquiry_type", switch (query.direction()) {
            case ALL -> "A";
            case IN -> "I";
            case OUT -> "O";
          });
          params.put("inquiry_base", "D");
          params.put("from_date", BankTime.DATE.format(query.from()));
          params.put("to_date", BankTime.DATE.format(query.to()));
          params.put("sort_order", "D");
          params.put("tran_dtime", time.tranDtime());
          if (query.continuation() != null) {
            params.put("befor_inquiry_trace_info", query.continuation());
          }
          return params;
        })))
        .recover(failure -> failure instanceof BankUnreachable ? Future.failedFuture(BankFailures.unreachable())
            : Future.failedFuture(failure))
        .compose(reply -> reply.ok() ? Future.succeededFuture(page(reply.body())) : Future.failedFuture(BankFailures.of(reply)));
  }

  /** Asks the bank (the cache keeps the answer). */
  private Future<BalanceCache.Balance> fromBank(String userId, LinkedAccounts.Linked account) {
    return bank.get(userId, "/v2.0/account/balance/fin_num", access -> newTranId().map(tranId -> Map.of(
            "bank_tran_id", tranId,
            "fintech_use_num", account.fintechUseNum(),
            "tran_dtime", time.tranDtime())))
        .recover(failure -> failure instanceof BankUnreachable ? Future.failedFuture(BankFailures.unreachable())
            : Future.failedFuture(failure))
        .compose(reply -> reply.ok()
            ? Future.succeededFuture(new BalanceCache.Balance(Long.parseLong(reply.body().getString("balance_amt", "0")),
                Long.parseLong(reply.body().getString("available_amt", "0")), time.clock().instant(), userId))
            : Future.failedFuture(BankFailures.of(reply)));
  }

  private Future<String> newTranId() {
    return oob.get().compose(grant -> tranIds.issue(grant.clientUseCode())).map(DailyUniqueIds.Issued::id);
  }

  private static TransactionPage page(JsonObject body) {
    List<AccountTransaction> items = new ArrayList<>();
    for (Object raw : body.getJsonArray("res_list", new JsonArray())) {
      JsonObject row = (JsonObject) raw;
      String inout = row.getString("inout_type", "");
      AccountTransaction.Direction direction = inout.equals("입금") ? AccountTransaction.Direction.IN
          : inout.equals("출금") || inout.equals("지급") ? AccountTransaction.Direction.OUT
          : AccountTransaction.Direction.OTHER;
      items.add(new AccountTransaction(isoDate(row.getString("tran_date")), isoTime(row.getString("tran_time")),
          direction, row.getString("tran_type"), row.getString("print_content"),
          Long.parseLong(row.getString("tran_amt", "0")), Long.parseLong(row.getString("after_balance_amt", "0"))));
    }
    boolean more = "Y".equals(body.getString("next_page_yn"));
    return new TransactionPage(items, more ? body.getString("befor_inquiry_trace_info") : null);
  }

  private static String isoDate(String yyyymmdd) {
    return yyyymmdd == null || yyyymmdd.length() != 8 ? yyyymmdd
        : yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6);
  }

  private static String isoTime(String hhmmss) {
    return hhmmss == null || hhmmss.length() != 6 ? hhmmss
        : hhmmss.substring(0, 2) + ":" + hhmmss.substring(2, 4) + ":" + hhmmss.substring(4);
  }
}
