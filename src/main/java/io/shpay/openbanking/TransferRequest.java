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

  /** The same request with the transfer id its caller fixed (and stored) before asking. */
  public TransferRequest withTransferId(String transferId) {
    return new TransferRequest(json.copy().put("transferId", transferId));
  }

  /** The same request paying against {@code claim}. */
  public TransferRequest withClaim(String claim) {
    return new TransferRequest(json.copy().put("claim", claim));
  }

  /** The transfer id chosen by the caller, or null for open banking to choose one. */
  public String transferId() {
    return json.getString("transferId");
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
}
