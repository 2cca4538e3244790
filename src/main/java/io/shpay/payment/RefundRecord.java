package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A refund as stored, the part any view of it draws on (the REST body in {@code api}, the event's
 * {@code refund} in {@link PaymentEventData}). Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class RefundRecord {

  private final String id;
  private final String paymentId;
  private final long amount;
  private final String reason;
  private final PaymentStatus status;
  private final String bankCode;
  private final String bankMessage;
  private final Instant createdAt;

  public RefundRecord(String id, String paymentId, long amount, String reason, PaymentStatus status, String bankCode,
      String bankMessage, Instant createdAt) {
    this.id = id;
    this.paymentId = paymentId;
    this.amount = amount;
    this.reason = reason;
    this.status = status;
    this.bankCode = bankCode;
    this.bankMessage = bankMessage;
    this.createdAt = createdAt;
  }

  public RefundRecord(JsonObject json) {
    this(json.getString("id"), json.getString("paymentId"), json.getLong("amount"), json.getString("reason"),
        PaymentStatus.valueOf(json.getString("status")), json.getString("bankCode"), json.getString("bankMessage"),
        json.getInstant("createdAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("paymentId", paymentId)
        .put("amount", amount)
        .put("reason", reason)
        .put("status", status.name())
        .put("bankCode", bankCode)
        .put("bankMessage", bankMessage)
        .put("createdAt", createdAt);
  }

  public String id() {
    return id;
  }

  public String paymentId() {
    return paymentId;
  }

  public long amount() {
    return amount;
  }

  /** The merchant's reason for the refund, if it gave one. */
  public String reason() {
    return reason;
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

  public Instant createdAt() {
    return createdAt;
  }
}
