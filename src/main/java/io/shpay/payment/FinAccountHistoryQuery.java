package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;

/**
 * One page request of a FinAccount's history: the Asia/Seoul days from and to (both included), the direction
 * ({@code ALL}, {@code IN} deposits, {@code OUT} withdrawals), and page {@code page} (from 1) of {@code pageSize}
 * lines (at most 100, NH's page).
 */
@DataObject
public final class FinAccountHistoryQuery {

  public enum Direction { ALL, IN, OUT }

  private final LocalDate from;
  private final LocalDate to;
  private final Direction direction;
  private final int pageSize;
  private final int page;

  private FinAccountHistoryQuery(LocalDate from, LocalDate to, Direction direction, int pageSize, int page) {
    this.from = from;
    this.to = to;
    this.direction = direction;
    this.pageSize = pageSize;
    this.page = page;
  }

  public FinAccountHistoryQuery(JsonObject json) {
    this(LocalDate.parse(json.getString("from")), LocalDate.parse(json.getString("to")),
        Direction.valueOf(json.getString("direction")), json.getInteger("pageSize"), json.getInteger("page"));
  }

  public static FinAccountHistoryQuery of(LocalDate from, LocalDate to, Direction direction, int pageSize, int page) {
    return new FinAccountHistoryQuery(from, to, direction, pageSize, page);
  }

  public JsonObject toJson() {
    return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("direction", direction.name())
        .put("pageSize", pageSize).put("page", page);
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

  public int pageSize() {
    return pageSize;
  }

  /** From 1. */
  public int page() {
    return page;
  }
}
