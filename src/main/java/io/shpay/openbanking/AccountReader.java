package io.shpay.openbanking;

import io.shpay.common.balance.BalanceCache;
import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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

  Future<BalanceView> balance(String userId, String accountId, boolean fresh) {
    return accounts.owned(userId, accountId)
        .compose(account -> cache.balance(accountId, fresh, () -> fromBank(userId, account)))
        .map(view -> new BalanceView(new JsonObject().put("accountId", accountId).mergeIn(view)));
  }

  /**
   * Every linked account's balance at once, from the cache; accounts with nothing cached are asked of their banks
   * {@link #PARALLEL_BANK_READS} at a time. An account its bank could not answer for carries {@code error} instead.
   */
  Future<JsonObject> balances(String userId) {
    return accounts.ofUser(userId).compose(linked -> {
      java.util.Map<String, AccountView> byId = new java.util.LinkedHashMap<>();
      linked.forEach(view -> byId.put(view.id(), view));
      return cache.balances(List.copyOf(byId.keySet()), id -> () -> accounts.owned(userId, id)
              .compose(account -> fromBank(userId, account)), PARALLEL_BANK_READS,
          (id, failure) -> new JsonObject().put("error", BankFailures.describe(failure)))
          .map(answers -> {
            JsonArray items = new JsonArray();
            long total = 0;
            boolean complete = true;
            for (int i = 0; i < answers.size(); i++) {
              JsonObject account = byId.get(linked.get(i).id()).toJson();
              JsonObject answer = answers.get(i);
              if (answer.containsKey("error")) {
                complete = false;
              } else {
                total += answer.getLong("balance");
              }
              items.add(new JsonObject().put("accountId", account.getString("id"))
                  .put("bankCode", account.getString("bankCode")).put("bankName", account.getString("bankName"))
                  .put("accountNumMasked", account.getString("accountNumMasked")).put("alias", account.getString("alias"))
                  .mergeIn(answer));
            }
            return new JsonObject().put("items", items).put("total", total).put("complete", complete);
          });
    });
  }

  /** The KFTC profile of the user: {@code {userSeqNo, name, accountCount}} from {@code user/me}. */
  Future<JsonObject> profile(String userId) {
    return bank.get(userId, "/v2.0/user/me", access -> Future.succeededFuture(Map.of("user_seq_no", access.userSeqNo())))
        .recover(failure -> failure instanceof BankUnreachable ? Future.failedFuture(BankFailures.unreachable())
            : Future.failedFuture(failure))
        .compose(reply -> reply.ok()
            ? Future.succeededFuture(new JsonObject()
                .put("userSeqNo", reply.body().getString("user_seq_no"))
                .put("name", reply.body().getString("user_name"))
                .put("accountCount", Integer.parseInt(reply.body().getString("res_cnt", "0"))))
            : Future.failedFuture(BankFailures.of(reply)));
  }

  Future<JsonObject> transactions(String userId, String accountId, TransactionQuery query) {
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
                Long.parseLong(reply.body().getString("available_amt", "0")), time.clock().instant()))
            : Future.failedFuture(BankFailures.of(reply)));
  }

  private Future<String> newTranId() {
    return oob.get().compose(grant -> tranIds.issue(grant.clientUseCode())).map(DailyUniqueIds.Issued::id);
  }

  private static JsonObject page(JsonObject body) {
    JsonArray items = new JsonArray();
    for (Object raw : body.getJsonArray("res_list", new JsonArray())) {
      JsonObject row = (JsonObject) raw;
      String inout = row.getString("inout_type", "");
      items.add(new JsonObject()
          .put("date", isoDate(row.getString("tran_date")))
          .put("time", isoTime(row.getString("tran_time")))
          .put("direction", inout.equals("입금") ? "IN" : inout.equals("출금") || inout.equals("지급") ? "OUT" : "OTHER")
          .put("type", row.getString("tran_type"))
          .put("description", row.getString("print_content"))
          .put("amount", Long.parseLong(row.getString("tran_amt", "0")))
          .put("balanceAfter", Long.parseLong(row.getString("after_balance_amt", "0"))));
    }
    boolean more = "Y".equals(body.getString("next_page_yn"));
    return new JsonObject().put("items", items)
        .put("nextContinuation", more ? body.getString("befor_inquiry_trace_info") : null);
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
