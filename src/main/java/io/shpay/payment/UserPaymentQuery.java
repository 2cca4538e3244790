package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which of a user's own payments to list: Asia/Seoul days {@code from} to {@code to}, both included, of one status
 * or (null) every status, at most {@code limit} of them.
 */
@DataObject
public final class UserPaymentQuery {

  private final PaymentStatus status;
  private final LocalDate from;
  private final LocalDate to;
  private final int limit;

  public UserPaymentQuery(PaymentStatus status, LocalDate from, LocalDate to, int limit) {
    this.status = status;
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.limit = limit;
  }

  public UserPaymentQuery(JsonObject json) {
    this(json.getString("status") == null ? null : PaymentStatus.valueOf(json.getString("status")),
        LocalDate.parse(json.getString("from")), LocalDate.parse(json.getString("to")), json.getInteger("limit"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("from", from.toString()).put("to", to.toString()).put("limit", limit);
    if (status != null) {
      json.put("status", status.name());
    }
    return json;
  }

  /** The status asked for, or null for every status. */
  public PaymentStatus status() {
    return status;
  }

  public LocalDate from() {
    return from;
  }

  public LocalDate to() {
    return to;
  }

  public int limit() {
    return limit;
  }
}
