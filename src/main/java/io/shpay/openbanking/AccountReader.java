package io.shpay.openbanking;

import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Balances and transactions of a user's linked accounts. Balances are answered from the cache
 * at once and refreshed from the bank behind the answer when stale; transactions always come
 * from the bank, a KFTC page at a time.
 */
final class AccountReader {

  private static final Logger LOG = LoggerFactory.getLogger(AccountReader.class);

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
   * A cached balance is one Redis round trip: the entry names the user it was read for, and a linked account never
   * changes owner (nor is its row ever deleted), so an entry of this user's needs no MySQL ownership check. Any other
   * case (no entry, an entry of another user, {@code fresh}) checks ownership in MySQL first, as before.
   */
  Future<BalanceView> balance(String userId, String accountId, boolean fresh) {
    if (fresh) {
      return accounts.owned(userId, accountId).compose(account -> fromBank(userId, account))
          .map(balance -> view(accountId, balance));
    }
    return cache.get(accountId).compose(cached -> {
      if (cached.isPresent() && userId.equals(cached.get().getString(BalanceCache.OWNER))) {
        BalanceView answer = view(accountId, cached.get());
        if (answer.stale()) {
          accounts.owned(userId, accountId).onSuccess(account -> refreshInBackground(userId, account));
        }
        return Future.succeededFuture(answer);
      }
      return accounts.owned(userId, accountId).compose(account -> {
        if (cached.isEmpty()) {
          return fromBank(userId, account).map(balance -> view(accountId, balance));
        }
        BalanceView answer = view(accountId, cached.get());
        if (answer.stale()) {
          refreshInBackground(userId, account);
        }
        return Future.succeededFuture(answer);
      });
    });
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

  private void refreshInBackground(String userId, LinkedAccounts.Linked account) {
    String accountId = account.view().id();
    cache.claimRefresh(accountId)
        .compose(claimed -> claimed
            ? fromBank(userId, account).eventually(() -> cache.releaseRefresh(accountId)).mapEmpty()
            : Future.succeededFuture())
        .onFailure(failure -> LOG.info("Background balance refresh of account {} failed: {}", accountId, failure.getMessage()));
  }

  /** Asks the bank and stores the answer: {@code {balance, available, asOf}}. */
  private Future<JsonObject> fromBank(String userId, LinkedAccounts.Linked account) {
    String accountId = account.view().id();
    return bank.get(userId, "/v2.0/account/balance/fin_num", access -> newTranId().map(tranId -> Map.of(
            "bank_tran_id", tranId,
            "fintech_use_num", account.fintechUseNum(),
            "tran_dtime", time.tranDtime())))
        .recover(failure -> failure instanceof BankUnreachable ? Future.failedFuture(BankFailures.unreachable())
            : Future.failedFuture(failure))
        .compose(reply -> {
          if (!reply.ok()) {
            return Future.failedFuture(BankFailures.of(reply));
          }
          JsonObject balance = new JsonObject()
              .put("balance", Long.parseLong(reply.body().getString("balance_amt", "0")))
              .put("available", Long.parseLong(reply.body().getString("available_amt", "0")))
              .put("asOf", time.clock().instant().toString());
          return cache.put(accountId, userId, balance).map(balance);
        });
  }

  private Future<String> newTranId() {
    return oob.get().compose(grant -> tranIds.issue(grant.clientUseCode())).map(DailyUniqueIds.Issued::id);
  }

  private BalanceView view(String accountId, JsonObject balance) {
    Instant asOf = Instant.parse(balance.getString("asOf"));
    boolean stale = asOf.plus(config.balanceFreshFor()).isBefore(time.clock().instant());
    return new BalanceView(new JsonObject()
        .put("accountId", accountId)
        .put("balance", balance.getLong("balance"))
        .put("available", balance.getLong("available"))
        .put("currency", "KRW")
        .put("asOf", asOf.toString())
        .put("stale", stale));
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
