package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A balance in won, with when the bank said it ({@code asOf}) and whether that is older than SH
 * Pay's freshness window ({@code stale}); a stale answer has already triggered a refresh.
 */
@DataObject
public final class BalanceView {

  private final JsonObject json;

  public BalanceView(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public long balance() {
    return json.getLong("balance");
  }

  public boolean stale() {
    return json.getBoolean("stale");
  }
}
