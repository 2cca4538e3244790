package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A validated request to move money between a user's linked account and SH Pay's contracted
 * account: {@code WITHDRAW} takes from the user's account, {@code DEPOSIT} pays into it. A deposit
 * pays out SH Pay's money, so it must name the claim it settles ({@code refund:<id>},
 * {@code move:<id>:deposit}); open banking refuses one without, and pays each claim at most once.
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
   * The same request under an id the caller chose and stored before asking (a payment or refund
   * keeps it as its rail reference). Open banking records the transfer under this id before the
   * bank is called and never sends a second transfer for it, so a caller that lost the answer can
   * always ask about this id instead of guessing.
   */
  public TransferRequest withTransferId(String transferId) {
    return new TransferRequest(json.copy().put("transferId", transferId));
  }

  /**
   * The same request bound to the caller's Idempotency-Key: the transfer row carries it, and a
   * request with a key already recorded answers that transfer instead of sending another.
   */
  public TransferRequest withIdempotencyKey(String idempotencyKey) {
    return new TransferRequest(json.copy().put("idempotencyKey", idempotencyKey));
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

  /** The same request paying against {@code claim}. */
  public TransferRequest withClaim(String claim) {
    return new TransferRequest(json.copy().put("claim", claim));
  }

  /** What a deposit pays against; null for withdrawals. */
  public String claim() {
    return json.getString("claim");
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

  /** The caller's Idempotency-Key, or null. */
  public String idempotencyKey() {
    return json.getString("idempotencyKey");
  }

  /** The caller's id for this transfer, or null to let open banking choose one. */
  public String transferId() {
    return json.getString("transferId");
  }
}
