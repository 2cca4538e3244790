package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A FinAccount's balance in won, with when NH said it ({@code asOf}) and whether that is older than SH Pay's
 * freshness window ({@code stale}; a stale answer has already started a refresh). Its JSON form is only how it
 * crosses the event bus.
 */
@DataObject
public final class FinAccountBalance {

  private final String finAccountId;
  private final long balance;
  private final long available;
  private final Instant asOf;
  private final boolean stale;

  public FinAccountBalance(String finAccountId, long balance, long available, Instant asOf, boolean stale) {
    this.finAccountId = finAccountId;
    this.balance = balance;
    this.available = available;
    this.asOf = asOf;
    this.stale = stale;
  }

  public FinAccountBalance(JsonObject json) {
    this(json.getString("finAccountId"), json.getLong("balance"), json.getLong("available"),
        Instant.parse(json.getString("asOf")), json.getBoolean("stale"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("finAccountId", finAccountId).put("balance", balance).put("available", available)
        .put("asOf", asOf.toString()).put("stale", stale);
  }

  public String finAccountId() {
    return finAccountId;
  }

  public long balance() {
    return balance;
  }

  /** What can be drawn now (the balance less holds). */
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
