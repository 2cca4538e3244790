package io.shpay.history;

import io.shpay.payment.PaymentStatus;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;

/**
 * A search of the payment history; every filter is optional (null: any). {@code kind} is
 * {@code payment} or {@code refund}; {@code from} and {@code to} are Asia/Seoul days, both
 * included; {@code limit} 1–100 (null: 20); {@code cursor} continues a previous page.
 */
@DataObject
public final class HistoryQuery {

  private final String userId;
  private final String merchantId;
  private final String orderId;
  private final PaymentStatus status;
  private final String kind;
  private final LocalDate from;
  private final LocalDate to;
  private final Integer limit;
  private final String cursor;

  public HistoryQuery(String userId, String merchantId, String orderId, PaymentStatus status, String kind,
      LocalDate from, LocalDate to, Integer limit, String cursor) {
    this.userId = userId;
    this.merchantId = merchantId;
    this.orderId = orderId;
    this.status = status;
    this.kind = kind;
    this.from = from;
    this.to = to;
    this.limit = limit;
    this.cursor = cursor;
  }

  public HistoryQuery(JsonObject json) {
    this(json.getString("userId"), json.getString("merchantId"), json.getString("orderId"),
        json.getString("status") == null ? null : PaymentStatus.valueOf(json.getString("status")),
        json.getString("kind"), date(json, "from"), date(json, "to"), json.getInteger("limit"),
        json.getString("cursor"));
  }

  /** Only the filters given, in a fixed order (support's audit records this form, without the cursor). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    putIfSet(json, "status", status == null ? null : status.name());
    putIfSet(json, "kind", kind);
    putIfSet(json, "userId", userId);
    putIfSet(json, "merchantId", merchantId);
    putIfSet(json, "orderId", orderId);
    putIfSet(json, "from", from == null ? null : from.toString());
    putIfSet(json, "to", to == null ? null : to.toString());
    putIfSet(json, "limit", limit);
    putIfSet(json, "cursor", cursor);
    return json;
  }

  /** The same search for one user only. */
  public HistoryQuery ofUser(String onlyUserId) {
    return new HistoryQuery(onlyUserId, merchantId, orderId, status, kind, from, to, limit, cursor);
  }

  public String userId() {
    return userId;
  }

  public String merchantId() {
    return merchantId;
  }

  public String orderId() {
    return orderId;
  }

  public PaymentStatus status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  public LocalDate from() {
    return from;
  }

  public LocalDate to() {
    return to;
  }

  public Integer limit() {
    return limit;
  }

  public String cursor() {
    return cursor;
  }

  private static LocalDate date(JsonObject json, String field) {
    return json.getString(field) == null ? null : LocalDate.parse(json.getString(field));
  }

  private static void putIfSet(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
