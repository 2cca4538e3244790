package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A linked bank account as its owner sees it. The KFTC fintech_use_num stays inside SH Pay. */
@DataObject
public final class AccountView {

  private final String id;
  private final String bankCode;
  private final String bankName;
  private final String accountNumMasked;
  private final String alias;
  private final String holderName;
  private final boolean main;

  public AccountView(String id, String bankCode, String bankName, String accountNumMasked, String alias,
      String holderName, boolean main) {
    this.id = id;
    this.bankCode = bankCode;
    this.bankName = bankName;
    this.accountNumMasked = accountNumMasked;
    this.alias = alias;
    this.holderName = holderName;
    this.main = main;
  }

  public AccountView(JsonObject json) {
    this(json.getString("id"), json.getString("bankCode"), json.getString("bankName"),
        json.getString("accountNumMasked"), json.getString("alias"), json.getString("holderName"),
        json.getBoolean("main", false));
  }

  static AccountView of(String id, String bankCode, String bankName, String accountNumMasked, String alias,
      String holderName, boolean main) {
    return new AccountView(id, bankCode, bankName, accountNumMasked, alias, holderName, main);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("bankCode", bankCode)
        .put("bankName", bankName)
        .put("accountNumMasked", accountNumMasked)
        .put("alias", alias)
        .put("holderName", holderName)
        .put("main", main);
  }

  public String id() {
    return id;
  }

  /** The bank's three-digit code, e.g. {@code 004}. */
  public String bankCode() {
    return bankCode;
  }

  public String bankName() {
    return bankName;
  }

  public String accountNumMasked() {
    return accountNumMasked;
  }

  /** The owner's own name for the account, if any. */
  public String alias() {
    return alias;
  }

  /** The account holder's name as the bank gave it. */
  public String holderName() {
    return holderName;
  }

  /** The account the user chose as their main one. */
  public boolean main() {
    return main;
  }
}
