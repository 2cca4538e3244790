package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The person KFTC knows for the user ({@code user/me}): their KFTC number, name and how many accounts KFTC lists. */
@DataObject
public final class BankProfile {

  private final String userSeqNo;
  private final String name;
  private final int accountCount;

  public BankProfile(String userSeqNo, String name, int accountCount) {
    this.userSeqNo = userSeqNo;
    this.name = name;
    this.accountCount = accountCount;
  }

  public BankProfile(JsonObject json) {
    this(json.getString("userSeqNo"), json.getString("name"), json.getInteger("accountCount"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("userSeqNo", userSeqNo).put("name", name).put("accountCount", accountCount);
  }

  public String userSeqNo() {
    return userSeqNo;
  }

  public String name() {
    return name;
  }

  public int accountCount() {
    return accountCount;
  }
}
