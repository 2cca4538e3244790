package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A payment as stored, the part any view of it draws on. Each public contract picks its own fields
 * from this: the REST body in {@code api}, the event data in {@link PaymentEventData}; none passes
 * it through. Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class PaymentRecord {

  private final String id;
  private final String checkoutId;
  private final String merchantId;
  private final String userId;
  private final long amount;
  private final long refundedAmount;
  private final PaymentStatus status;
  private final Rail rail;
  private final String bankCode;
  private final String bankMessage;
  private final Instant createdAt;
  private final Instant updatedAt;

  public PaymentRecord(String id, String checkoutId, String merchantId, String userId, long amount, long refundedAmount,
      PaymentStatus status, Rail rail, String bankCode, String bankMessage, Instant createdAt, Instant updatedAt) {
    this.id = id;
    this.checkoutId = checkoutId;
    this.merchantId = merchantId;
    this.userId = userId;
    this.amount = amount;
    this.refundedAmount = refundedAmount;
    this.status = status;
    this.rail = rail;
    this.bankCode = bankCode;
    this.bankMessage = bankMessage;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public PaymentRecord(JsonObject json) {
    this(json.getString("id"), json.getString("checkoutId"), json.getString("merchantId"), json.getString("userId"),
        json.getLong("amount"), json.getLong("refundedAmount"), PaymentStatus.valueOf(json.getString("status")),
        Rail.valueOf(json.getString("rail")), json.getString("bankCode"), json.getString("bankMessage"),
        json.getInstant("createdAt"), json.getInstant("updatedAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("checkoutId", checkoutId)
        .put("merchantId", merchantId)
        .put("userId", userId)
        .put("amount", amount)
        .put("refundedAmount", refundedAmount)
        .put("status", status.name())
        .put("rail", rail.name())
        .put("bankCode", bankCode)
        .put("bankMessage", bankMessage)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }

  public String id() {
    return id;
  }

  public String checkoutId() {
    return checkoutId;
  }

  public String merchantId() {
    return merchantId;
  }

  public String userId() {
    return userId;
  }

  public long amount() {
    return amount;
  }

  /** Whole won refunded so far (approved refunds only). */
  public long refundedAmount() {
    return refundedAmount;
  }

  public PaymentStatus status() {
    return status;
  }

  public Rail rail() {
    return rail;
  }

  /** The bank's result code (NH Rpcd or KFTC bank_rsp_code), if it gave one. */
  public String bankCode() {
    return bankCode;
  }

  /** The bank's reason, verbatim. */
  public String bankMessage() {
    return bankMessage;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
