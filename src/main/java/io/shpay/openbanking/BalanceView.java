package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A balance in won, with when the bank said it ({@code asOf}) and whether that is older than SH
 * Pay's freshness window ({@code stale}); a stale answer has already triggered a refresh.
 */
@DataObject
public final class BalanceView {

  private final String accountId;
  private final long balance;
  private final long available;
  private final Instant asOf;
  private final boolean stale;

  public BalanceView(String accountId, long balance, long available, Instant asOf, boolean stale) {
    this.accountId = accountId;
    this.balance = balance;
    this.available = available;
    this.asOf = asOf;
    this.stale = stale;
  }

  public BalanceView(JsonObject json) {
    this(json.getString("accountId"), json.getLong("balance"), json.getLong("available"),
        Instant.parse(json.getString("asOf")), json.getBoolean("stale", false));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("accountId", accountId)
        .put("balance", balance)
        .put("available", available)
        .put("currency", "KRW")
        .put("asOf", asOf.toString())
        .put("stale", stale);
  }

  public String accountId() {
    return accountId;
  }

  public long balance() {
    return balance;
  }

  /** What can be withdrawn now (the balance less holds). */
  public long available() {
    return available;
  }

  public Instant asOf() {
    return asOf;
  }

  public boolean stale() {
    return stale;
  }
}
