package io.shpay.api;

import io.shpay.openbanking.AccountBalance;
import io.shpay.openbanking.AccountBalances;
import io.shpay.openbanking.AccountSyncResult;
import io.shpay.openbanking.AccountTransaction;
import io.shpay.openbanking.AccountView;
import io.shpay.openbanking.BalanceView;
import io.shpay.openbanking.BankProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The REST bodies of a user's linked accounts, field by field from what open banking answers: an account (its
 * number masked), a balance, the list of all balances, what a sync changed, a page of transactions, the KFTC profile.
 */
final class AccountJson {

  private AccountJson() {}

  static JsonObject account(AccountView account) {
    return new JsonObject()
        .put("id", account.id())
        .put("bankCode", account.bankCode())
        .put("bankName", account.bankName())
        .put("accountNumMasked", account.accountNumMasked())
        .put("alias", account.alias())
        .put("holderName", account.holderName())
        .put("main", account.main());
  }

  static JsonObject accounts(List<AccountView> accounts) {
    JsonArray items = new JsonArray();
    accounts.forEach(account -> items.add(account(account)));
    return new JsonObject().put("items", items);
  }

  static JsonObject synced(AccountSyncResult sync) {
    return new JsonObject()
        .put("added", sync.added())
        .put("closed", sync.closed())
        .put("notHeld", sync.notHeld())
        .put("items", accounts(sync.items()).getJsonArray("items"));
  }

  static JsonObject balance(BalanceView balance) {
    return new JsonObject()
        .put("accountId", balance.accountId())
        .put("balance", balance.balance())
        .put("available", balance.available())
        .put("currency", "KRW")
        .put("asOf", balance.asOf().toString())
        .put("stale", balance.stale());
  }

  static JsonObject balances(AccountBalances balances) {
    JsonArray items = new JsonArray();
    balances.items().forEach(item -> items.add(balanceItem(item)));
    return new JsonObject().put("items", items).put("total", balances.total()).put("complete", balances.complete());
  }

  /** The account's names, then its balance, or the bank's failure in place of it. */
  private static JsonObject balanceItem(AccountBalance item) {
    AccountView account = item.account();
    JsonObject json = new JsonObject()
        .put("accountId", account.id())
        .put("bankCode", account.bankCode())
        .put("bankName", account.bankName())
        .put("accountNumMasked", account.accountNumMasked())
        .put("alias", account.alias());
    if (item.balance() == null) {
      return json.put("error", new JsonObject().put("code", item.errorCode()).put("detail", item.errorDetail()));
    }
    return json
        .put("balance", item.balance().balance())
        .put("available", item.balance().available())
        .put("currency", "KRW")
        .put("asOf", item.balance().asOf().toString())
        .put("stale", item.balance().stale());
  }

  static JsonArray transactions(List<AccountTransaction> transactions) {
    JsonArray items = new JsonArray();
    transactions.forEach(line -> items.add(new JsonObject()
        .put("date", line.date())
        .put("time", line.time())
        .put("direction", line.direction().name())
        .put("type", line.type())
        .put("description", line.description())
        .put("amount", line.amount())
        .put("balanceAfter", line.balanceAfter())));
    return items;
  }

  static JsonObject profile(BankProfile profile, boolean nameMatches) {
    return new JsonObject()
        .put("userSeqNo", profile.userSeqNo())
        .put("name", profile.name())
        .put("accountCount", profile.accountCount())
        .put("nameMatches", nameMatches);
  }
}
