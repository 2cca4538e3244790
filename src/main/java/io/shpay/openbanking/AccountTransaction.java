package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One line of a linked account's transactions as its bank tells it through KFTC: the Asia/Seoul date and time, money
 * in or out, the bank's kind of line and passbook text, the amount and the balance after it.
 */
@DataObject
public final class AccountTransaction {

  /** Which way the money went; {@code OTHER} for a line the bank names otherwise. */
  public enum Direction { IN, OUT, OTHER }

  private final String date;
  private final String time;
  private final Direction direction;
  private final String type;
  private final String description;
  private final long amount;
  private final long balanceAfter;

  public AccountTransaction(String date, String time, Direction direction, String type, String description,
      long amount, long balanceAfter) {
    this.date = date;
    this.time = time;
    this.direction = direction;
    this.type = type;
    this.description = description;
    this.amount = amount;
    this.balanceAfter = balanceAfter;
  }

  public AccountTransaction(JsonObject json) {
    this(json.getString("date"), json.getString("time"), Direction.valueOf(json.getString("direction")),
        json.getString("type"), json.getString("description"), json.getLong("amount"), json.getLong("balanceAfter"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("date", date).put("time", time).put("direction", direction.name()).put("type", type)
        .put("description", description).put("amount", amount).put("balanceAfter", balanceAfter);
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

  /** The bank's kind of line (its {@code tran_type}). */
  public String type() {
    return type;
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
}
