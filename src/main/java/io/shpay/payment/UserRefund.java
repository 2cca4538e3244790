package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A refund one of the user's payments received, with the names that let them recognise it (item, merchant). */
@DataObject
public final class UserRefund {

  private final RefundRecord refund;
  private final String itemName;
  private final String merchantName;

  public UserRefund(RefundRecord refund, String itemName, String merchantName) {
    this.refund = refund;
    this.itemName = itemName;
    this.merchantName = merchantName;
  }

  public UserRefund(JsonObject json) {
    this(new RefundRecord(json.getJsonObject("refund")), json.getString("itemName"), json.getString("merchantName"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("refund", refund.toJson())
        .put("itemName", itemName)
        .put("merchantName", merchantName);
  }

  public RefundRecord refund() {
    return refund;
  }

  public String itemName() {
    return itemName;
  }

  public String merchantName() {
    return merchantName;
  }
}
