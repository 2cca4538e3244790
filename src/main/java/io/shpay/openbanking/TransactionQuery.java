package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;

/**
 * One page request of an account's transactions: a date range (Asia/Seoul days), a direction
 * ({@code ALL}, {@code IN}, {@code OUT}) and, after the first page, KFTC's continuation token.
 */
@DataObject
public final class TransactionQuery {

  public enum Direction { ALL, IN, OUT }

  private final JsonObject json;

  public TransactionQuery(JsonObject json) {
    this.json = json.copy();
  }

  public static TransactionQuery of(LocalDate from, LocalDate to, Direction direction, String continuation) {
    return new TransactionQuery(new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("direction", direction.name())
        .put("continuation", continuation));
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public LocalDate from() {
    return LocalDate.parse(json.getString("from"));
  }

  public LocalDate to() {
    return LocalDate.parse(json.getString("to"));
  }

  public Direction direction() {
    return Direction.valueOf(json.getString("direction"));
  }

  /** KFTC's befor_inquiry_trace_info from the previous page, or null for the first page. */
  public String continuation() {
    return json.getString("continuation");
  }
}
