package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One line of a FinAccount's history as NH tells it: the Asia/Seoul date ({@code 2026-11-21}) and time
 * ({@code 14:05:09}), money in or out, NH's passbook text, the amount and the balance after it, and whether the line
 * was cancelled. Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class FinAccountLine {

  /** Which way the money went; {@code OTHER} for a kind of line NH may add. */
  public enum Direction { IN, OUT, OTHER }

  private final String date;
  private final String time;
  private final Direction direction;
  private final String description;
  private final long amount;
  private final long balanceAfter;
  private final boolean cancelled;

  public FinAccountLine(String date, String time, Direction direction, String description, long amount,
      long balanceAfter, boolean cancelled) {
    this.date = date;
    this.time = time;
    this.direction = direction;
    this.description = description;
    this.amount = amount;
    this.balanceAfter = balanceAfter;
    this.cancelled = cancelled;
  }

  public FinAccountLine(JsonObject json) {
    this(json.getString("date"), json.getString("time"), Direction.valueOf(json.getString("direction")),
        json.getString("description"), json.getLong("amount"), json.getLong("balanceAfter"),
        json.getBoolean("cancelled"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("date", date).put("time", time).put("direction", direction.name())
        .put("description", description).put("amount", amount).put("balanceAfter", balanceAfter)
        .put("cancelled", cancelled);
  }

  public String date() {
    return date;
  }

  public String time() {
    return time;
  }

  public Direction direction() {
    return direction;
  }

  public String description() {
    return description;
  }

  public long amount() {
    return amount;
  }

  public long balanceAfter() {
    return balanceAfter;
  }

  public boolean cancelled() {
    return cancelled;
  }
}
