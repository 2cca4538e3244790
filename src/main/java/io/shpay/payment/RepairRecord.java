package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * An audited repair as it was recorded, with the payment or refund it settled as it stands after
 * it. Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class RepairRecord {

  private final String id;
  private final String kind;
  private final String movementId;
  private final String paymentId;
  private final PaymentStatus outcome;
  private final String bankTransactionId;
  private final String reason;
  private final String repairedBy;
  private final PaymentRecord payment;
  private final RefundRecord refund;

  /** Exactly one of {@code payment} and {@code refund} is set, as {@code kind} says. */
  public RepairRecord(String id, String kind, String movementId, String paymentId, PaymentStatus outcome,
      String bankTransactionId, String reason, String repairedBy, PaymentRecord payment, RefundRecord refund) {
    this.id = id;
    this.kind = kind;
    this.movementId = movementId;
    this.paymentId = paymentId;
    this.outcome = outcome;
    this.bankTransactionId = bankTransactionId;
    this.reason = reason;
    this.repairedBy = repairedBy;
    this.payment = payment;
    this.refund = refund;
  }

  public RepairRecord(JsonObject json) {
    this(json.getString("id"), json.getString("kind"), json.getString("movementId"), json.getString("paymentId"),
        PaymentStatus.valueOf(json.getString("outcome")), json.getString("bankTransactionId"), json.getString("reason"),
        json.getString("repairedBy"),
        json.getJsonObject("payment") == null ? null : new PaymentRecord(json.getJsonObject("payment")),
        json.getJsonObject("refund") == null ? null : new RefundRecord(json.getJsonObject("refund")));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("movementId", movementId)
        .put("paymentId", paymentId)
        .put("outcome", outcome.name())
        .put("bankTransactionId", bankTransactionId)
        .put("reason", reason)
        .put("repairedBy", repairedBy)
        .put("payment", payment == null ? null : payment.toJson())
        .put("refund", refund == null ? null : refund.toJson());
  }

  public String id() {
    return id;
  }

  /** {@code payment} or {@code refund}. */
  public String kind() {
    return kind;
  }

  public String movementId() {
    return movementId;
  }

  public String paymentId() {
    return paymentId;
  }

  public PaymentStatus outcome() {
    return outcome;
  }

  public String bankTransactionId() {
    return bankTransactionId;
  }

  public String reason() {
    return reason;
  }

  /** The admin who repaired it. */
  public String repairedBy() {
    return repairedBy;
  }

  /** The repaired payment as it now stands; null when a refund was repaired. */
  public PaymentRecord payment() {
    return payment;
  }

  /** The repaired refund as it now stands; null when a payment was repaired. */
  public RefundRecord refund() {
    return refund;
  }
}
