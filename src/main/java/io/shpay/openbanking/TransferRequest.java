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

  private final Kind kind;
  private final String userId;
  private final String accountId;
  private final long amount;
  private final String recipientName;
  private final String printContent;
  private final String claim;
  private final String idempotencyKey;
  private final String transferId;
  private final boolean paymentLeg;

  private TransferRequest(Kind kind, String userId, String accountId, long amount, String recipientName,
      String printContent, String claim, String idempotencyKey, String transferId, boolean paymentLeg) {
    this.kind = kind;
    this.userId = userId;
    this.accountId = accountId;
    this.amount = amount;
    this.recipientName = recipientName;
    this.printContent = printContent;
    this.claim = claim;
    this.idempotencyKey = idempotencyKey;
    this.transferId = transferId;
    this.paymentLeg = paymentLeg;
  }

  public TransferRequest(JsonObject json) {
    this(Kind.valueOf(json.getString("kind")), json.getString("userId"), json.getString("accountId"),
        json.getLong("amount"), json.getString("recipientName"), json.getString("printContent"),
        json.getString("claim"), json.getString("idempotencyKey"), json.getString("transferId"),
        json.getBoolean("paymentLeg", false));
  }

  public static TransferRequest of(Kind kind, String userId, String accountId, long amount, String recipientName,
      String printContent) {
    return new TransferRequest(kind, userId, accountId, amount, recipientName, printContent, null, null, null, false);
  }

  /**
   * The same request under an id the caller chose and stored before asking (a payment or refund
   * keeps it as its rail reference). Open banking records the transfer under this id before the
   * bank is called and never sends a second transfer for it, so a caller that lost the answer can
   * always ask about this id instead of guessing.
   */
  public TransferRequest withTransferId(String transferId) {
    return new TransferRequest(kind, userId, accountId, amount, recipientName, printContent, claim, idempotencyKey,
        transferId, paymentLeg);
  }

  /**
   * The same request bound to the caller's Idempotency-Key: the transfer row carries it, and a
   * request with a key already recorded answers that transfer instead of sending another.
   */
  public TransferRequest withIdempotencyKey(String idempotencyKey) {
    return new TransferRequest(kind, userId, accountId, amount, recipientName, printContent, claim, idempotencyKey,
        transferId, paymentLeg);
  }

  /**
   * This request as the money leg of an SH Pay payment or refund: the payment's event tells the
   * user, so the transfer itself sends no {@code transfer.*} notification.
   */
  public TransferRequest asPaymentLeg() {
    return new TransferRequest(kind, userId, accountId, amount, recipientName, printContent, claim, idempotencyKey,
        transferId, true);
  }

  public boolean paymentLeg() {
    return paymentLeg;
  }

  /** The request as it crosses the event bus: only the fields set (a field never set is absent, not null). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("kind", kind.name())
        .put("userId", userId)
        .put("accountId", accountId)
        .put("amount", amount)
        .put("recipientName", recipientName)
        .put("printContent", printContent);
    putIfSet(json, "claim", claim);
    putIfSet(json, "idempotencyKey", idempotencyKey);
    putIfSet(json, "transferId", transferId);
    if (paymentLeg) {
      json.put("paymentLeg", true);
    }
    return json;
  }

  public Kind kind() {
    return kind;
  }

  public String userId() {
    return userId;
  }

  public String accountId() {
    return accountId;
  }

  /** The same request paying against {@code claim}. */
  public TransferRequest withClaim(String claim) {
    return new TransferRequest(kind, userId, accountId, amount, recipientName, printContent, claim, idempotencyKey,
        transferId, paymentLeg);
  }

  /** What a deposit pays against; null for withdrawals. */
  public String claim() {
    return claim;
  }

  public long amount() {
    return amount;
  }

  public String recipientName() {
    return recipientName;
  }

  public String printContent() {
    return printContent;
  }

  /** The caller's Idempotency-Key, or null. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The caller's id for this transfer, or null to let open banking choose one. */
  public String transferId() {
    return transferId;
  }

  private static void putIfSet(JsonObject json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
