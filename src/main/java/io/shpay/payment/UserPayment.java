package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** One of a user's own payments, with the names that let them recognise it (order, item, merchant). */
@DataObject
public final class UserPayment {

  private final PaymentRecord payment;
  private final String orderId;
  private final String itemName;
  private final String merchantName;

  public UserPayment(PaymentRecord payment, String orderId, String itemName, String merchantName) {
    this.payment = payment;
    this.orderId = orderId;
    this.itemName = itemName;
    this.merchantName = merchantName;
  }

  public UserPayment(JsonObject json) {
    this(new PaymentRecord(json.getJsonObject("payment")), json.getString("orderId"), json.getString("itemName"),
        json.getString("merchantName"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("payment", payment.toJson())
        .put("orderId", orderId)
        .put("itemName", itemName)
        .put("merchantName", merchantName);
  }

  public PaymentRecord payment() {
    return payment;
  }

  public String orderId() {
    return orderId;
  }

  public String itemName() {
    return itemName;
  }

  public String merchantName() {
    return merchantName;
  }
}
