package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A validated request to move money between a user's linked account and SH Pay's contracted
 * account: {@code WITHDRAW} takes from the user's account, {@code DEPOSIT} pays into it.
 */
@DataObject
public final class TransferRequest {

  public enum Kind { WITHDRAW, DEPOSIT }

  private final JsonObject json;

  public TransferRequest(JsonObject json) {
    this.json = json.copy();
  }

  public static TransferRequest of(Kind kind, String userId, String accountId, long amount, String recipientName,
      String printContent) {
    return new TransferRequest(new JsonObject()
        .put("kind", kind.name())
        .put("userId", userId)
        .put("accountId", accountId)
        .put("amount", amount)
        .put("recipientName", recipientName)
        .put("printContent", printContent));
  }

  /**
   * This request as the money leg of an SH Pay payment or refund: the payment's event tells the
   * user, so the transfer itself sends no {@code transfer.*} notification.
   */
  public TransferRequest asPaymentLeg() {
    return new TransferRequest(json.copy().put("paymentLeg", true));
  }

  public boolean paymentLeg() {
    return json.getBoolean("paymentLeg", false);
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public Kind kind() {
    return Kind.valueOf(json.getString("kind"));
  }

  public String userId() {
    return json.getString("userId");
  }

  public String accountId() {
    return json.getString("accountId");
  }

  public long amount() {
    return json.getLong("amount");
  }

  public String recipientName() {
    return json.getString("recipientName");
  }

  public String printContent() {
    return json.getString("printContent");
  }
}
