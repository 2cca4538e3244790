package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The payment service's part of a page of a user's money movements: their payments and the refunds those received,
 * each newest first and at most the query's limit; the API merges them with the other capabilities' parts.
 */
@DataObject
public final class PaymentMovementPage {

  private final List<UserPayment> payments;
  private final List<UserRefund> refunds;

  public PaymentMovementPage(List<UserPayment> payments, List<UserRefund> refunds) {
    this.payments = List.copyOf(payments);
    this.refunds = List.copyOf(refunds);
  }

  public PaymentMovementPage(JsonObject json) {
    List<UserPayment> paid = new ArrayList<>();
    json.getJsonArray("payments").forEach(item -> paid.add(new UserPayment((JsonObject) item)));
    List<UserRefund> refunded = new ArrayList<>();
    json.getJsonArray("refunds").forEach(item -> refunded.add(new UserRefund((JsonObject) item)));
    this.payments = List.copyOf(paid);
    this.refunds = List.copyOf(refunded);
  }

  public JsonObject toJson() {
    JsonArray paid = new JsonArray();
    payments.forEach(payment -> paid.add(payment.toJson()));
    JsonArray refunded = new JsonArray();
    refunds.forEach(refund -> refunded.add(refund.toJson()));
    return new JsonObject().put("payments", paid).put("refunds", refunded);
  }

  public List<UserPayment> payments() {
    return payments;
  }

  public List<UserRefund> refunds() {
    return refunds;
  }
}
