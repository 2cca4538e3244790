package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;

/**
 * One page request of an account's transactions: a date range (Asia/Seoul days), a direction
 * ({@code ALL}, {@code IN}, {@code OUT}) and, after the first page, KFTC's continuation token. Its JSON form crosses
 * the event bus and is what the API seals into a transactions cursor, so its fields keep their names.
 */
@DataObject
public final class TransactionQuery {

  public enum Direction { ALL, IN, OUT }

  /** The longest range one query may span, in days between its ends (KFTC's limit); the REST API and the chat share it. */
  public static final int MAX_RANGE_DAYS = 92;
  /** The range read when none is asked: the days up to today. */
  public static final int DEFAULT_RANGE_DAYS = 30;

  private final LocalDate from;
  private final LocalDate to;
  private final Direction direction;
  private final String continuation;

  private TransactionQuery(LocalDate from, LocalDate to, Direction direction, String continuation) {
    this.from = from;
    this.to = to;
    this.direction = direction;
    this.continuation = continuation;
  }

  public TransactionQuery(JsonObject json) {
    this(LocalDate.parse(json.getString("from")), LocalDate.parse(json.getString("to")),
        Direction.valueOf(json.getString("direction")), json.getString("continuation"));
  }

  public static TransactionQuery of(LocalDate from, LocalDate to, Direction direction, String continuation) {
    return new TransactionQuery(from, to, direction, continuation);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("direction", direction.name())
        .put("continuation", continuation);
  }

  public LocalDate from() {
    return from;
  }

  public LocalDate to() {
    return to;
  }

  public Direction direction() {
    return direction;
  }

  /** KFTC's befor_inquiry_trace_info from the previous page, or null for the first page. */
  public String continuation() {
    return continuation;
  }
}
