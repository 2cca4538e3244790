package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A linked bank account as its owner sees it. The KFTC fintech_use_num stays inside SH Pay. */
@DataObject
public final class AccountView {

  private final JsonObject json;

  public AccountView(JsonObject json) {
    this.json = json.copy();
  }

  static AccountView of(String id, String bankCode, String bankName, String accountNumMasked, String alias,
      String holderName, boolean main) {
    return new AccountView(new JsonObject()
        .put("id", id)
        .put("bankCode", bankCode)
        .put("bankName", bankName)
        .put("accountNumMasked", accountNumMasked)
        .put("alias", alias)
        .put("holderName", holderName)
        .put("main", main));
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String id() {
    return json.getString("id");
  }

  public boolean main() {
    return json.getBoolean("main", false);
  }
}
