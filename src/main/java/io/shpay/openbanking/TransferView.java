package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A recorded transfer: {@code REQUESTED} while the bank is being asked, then {@code APPROVED},
 * {@code FAILED} (with the bank's code and message) or {@code UNKNOWN} until settled through
 * KFTC's transfer/result.
 */
@DataObject
public final class TransferView {

  private final String id;
  private final String kind;
  private final String accountId;
  private final long amount;
  private final String status;
  private final String bankTranId;
  private final String bankTranDate;
  private final String bankRspCode;
  private final String bankMessage;
  private final Instant createdAt;

  public TransferView(String id, String kind, String accountId, long amount, String status, String bankTranId,
      String bankTranDate, String bankRspCode, String bankMessage, Instant createdAt) {
    this.id = id;
    this.kind = kind;
    this.accountId = accountId;
    this.amount = amount;
    this.status = status;
    this.bankTranId = bankTranId;
    this.bankTranDate = bankTranDate;
    this.bankRspCode = bankRspCode;
    this.bankMessage = bankMessage;
    this.createdAt = createdAt;
  }

  public TransferView(JsonObject json) {
    this(json.getString("id"), json.getString("kind"), json.getString("accountId"), json.getLong("amount"),
        json.getString("status"), json.getString("bankTranId"), json.getString("bankTranDate"),
        json.getString("bankRspCode"), json.getString("bankMessage"), Instant.parse(json.getString("createdAt")));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("kind", kind)
        .put("accountId", accountId)
        .put("amount", amount)
        .put("currency", "KRW")
        .put("status", status)
        .put("bankTranId", bankTranId)
        .put("bankTranDate", bankTranDate)
        .put("bankRspCode", bankRspCode)
        .put("bankMessage", bankMessage)
        .put("createdAt", createdAt.toString());
  }

  public String id() {
    return id;
  }

  /** {@code WITHDRAW} (from the user's account) or {@code DEPOSIT} (to it). */
  public String kind() {
    return kind;
  }

  public String accountId() {
    return accountId;
  }

  public long amount() {
    return amount;
  }

  public String status() {
    return status;
  }

  public String bankTranId() {
    return bankTranId;
  }

  public String bankTranDate() {
    return bankTranDate;
  }

  /** The bank's result code, if it gave one. */
  public String bankRspCode() {
    return bankRspCode;
  }

  public String bankMessage() {
    return bankMessage;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
