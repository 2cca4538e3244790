package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** A checkout as stored: what a merchant asks to be paid, once. Its JSON form is only how it crosses the event bus. */
@DataObject
public final class CheckoutRecord {

  private final String id;
  private final String merchantId;
  private final String orderId;
  private final long amount;
  private final String itemName;
  private final CheckoutStatus status;
  private final Instant createdAt;

  public CheckoutRecord(String id, String merchantId, String orderId, long amount, String itemName,
      CheckoutStatus status, Instant createdAt) {
    this.id = id;
    this.merchantId = merchantId;
    this.orderId = orderId;
    this.amount = amount;
    this.itemName = itemName;
    this.status = status;
    this.createdAt = createdAt;
  }

  public CheckoutRecord(JsonObject json) {
    this(json.getString("id"), json.getString("merchantId"), json.getString("orderId"), json.getLong("amount"),
        json.getString("itemName"), CheckoutStatus.valueOf(json.getString("status")), json.getInstant("createdAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("merchantId", merchantId)
        .put("orderId", orderId)
        .put("amount", amount)
        .put("itemName", itemName)
        .put("status", status.name())
        .put("createdAt", createdAt);
  }

  public String id() {
    return id;
  }

  public String merchantId() {
    return merchantId;
  }

  /** The merchant's own order id. */
  public String orderId() {
    return orderId;
  }

  public long amount() {
    return amount;
  }

  public String itemName() {
    return itemName;
  }

  public CheckoutStatus status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
