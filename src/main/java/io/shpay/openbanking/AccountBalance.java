package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One linked account in the list of all balances: the account as its owner sees it (number masked) and either its
 * balance or, when its bank could not answer, the failure's stable {@code errorCode} and {@code errorDetail}. Its
 * JSON form is only how it crosses the event bus.
 */
@DataObject
public final class AccountBalance {

  private final AccountView account;
  private final BalanceView balance;
  private final String errorCode;
  private final String errorDetail;

  private AccountBalance(AccountView account, BalanceView balance, String errorCode, String errorDetail) {
    this.account = account;
    this.balance = balance;
    this.errorCode = errorCode;
    this.errorDetail = errorDetail;
  }

  public static AccountBalance answered(AccountView account, BalanceView balance) {
    return new AccountBalance(account, balance, null, null);
  }

  public static AccountBalance failed(AccountView account, String errorCode, String errorDetail) {
    return new AccountBalance(account, null, errorCode, errorDetail);
  }

  public AccountBalance(JsonObject json) {
    this(new AccountView(json.getJsonObject("account")),
        json.getJsonObject("balance") == null ? null : new BalanceView(json.getJsonObject("balance")),
        json.getString("errorCode"), json.getString("errorDetail"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("account", account.toJson())
        .put("balance", balance == null ? null : balance.toJson())
        .put("errorCode", errorCode).put("errorDetail", errorDetail);
  }

  public AccountView account() {
    return account;
  }

  /** The balance, or null when the bank could not answer. */
  public BalanceView balance() {
    return balance;
  }

  /** The stable code of the bank's failure (see the problem types), or null when answered. */
  public String errorCode() {
    return errorCode;
  }

  public String errorDetail() {
    return errorDetail;
  }
}
