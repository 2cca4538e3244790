package io.shpay.history;

import io.shpay.events.PaymentEventType;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One stored history entry: one payment event, with the refund's id on refund events. Each REST
 * view (the user's own, support's) picks its fields from this. Its JSON form is only how it
 * crosses the event bus.
 */
@DataObject
public final class HistoryEntry {

  private final String eventId;
  private final PaymentEventType type;
  private final String paymentId;
  private final String refundId;
  private final String userId;
  private final String merchantId;
  private final String orderId;
  private final Rail rail;
  private final long amount;
  private final long refundedAmount;
  private final PaymentStatus status;
  private final String bankCode;
  private final String bankMessage;
  private final Instant occurredAt;

  public HistoryEntry(String eventId, PaymentEventType type, String paymentId, String refundId, String userId,
      String merchantId, String orderId, Rail rail, long amount, long refundedAmount, PaymentStatus status,
      String bankCode, String bankMessage, Instant occurredAt) {
    this.eventId = eventId;
    this.type = type;
    this.paymentId = paymentId;
    this.refundId = refundId;
    this.userId = userId;
    this.merchantId = merchantId;
    this.orderId = orderId;
    this.rail = rail;
    this.amount = amount;
    this.refundedAmount = refundedAmount;
    this.status = status;
    this.bankCode = bankCode;
    this.bankMessage = bankMessage;
    this.occurredAt = occurredAt;
  }

  public HistoryEntry(JsonObject json) {
    this(json.getString("eventId"), PaymentEventType.valueOf(json.getString("type")), json.getString("paymentId"),
        json.getString("refundId"), json.getString("userId"), json.getString("merchantId"), json.getString("orderId"),
        Rail.valueOf(json.getString("rail")), json.getLong("amount"), json.getLong("refundedAmount"),
        PaymentStatus.valueOf(json.getString("status")), json.getString("bankCode"), json.getString("bankMessage"),
        json.getInstant("occurredAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("eventId", eventId)
        .put("type", type.name())
        .put("paymentId", paymentId)
        .put("refundId", refundId)
        .put("userId", userId)
        .put("merchantId", merchantId)
        .put("orderId", orderId)
        .put("rail", rail.name())
        .put("amount", amount)
        .put("refundedAmount", refundedAmount)
        .put("status", status.name())
        .put("bankCode", bankCode)
        .put("bankMessage", bankMessage)
        .put("occurredAt", occurredAt);
  }

  public String eventId() {
    return eventId;
  }

  public PaymentEventType type() {
    return type;
  }

  /** {@code refund} for an entry about a refund, else {@code payment}. */
  public String kind() {
    return refundId != null ? "refund" : "payment";
  }

  public String paymentId() {
    return paymentId;
  }

  /** The refund concerned, on refund entries; else null. */
  public String refundId() {
    return refundId;
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

  public Rail rail() {
    return rail;
  }

  /** The refund's amount on refund entries, else the payment's. */
  public long amount() {
    return amount;
  }

  public long refundedAmount() {
    return refundedAmount;
  }

  public PaymentStatus status() {
    return status;
  }

  public String bankCode() {
    return bankCode;
  }

  public String bankMessage() {
    return bankMessage;
  }

  public Instant occurredAt() {
    return occurredAt;
  }
}
