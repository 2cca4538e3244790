package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A validated request to move money between two of the caller's own linked accounts, under the
 * client's {@code Idempotency-Key}: the same key always means the same move.
 */
@DataObject
public final class MoveRequest {

  private final String userId;
  private final String idempotencyKey;
  private final String fromAccountId;
  private final String toAccountId;
  private final long amount;
  private final String printContent;

  private MoveRequest(String userId, String idempotencyKey, String fromAccountId, String toAccountId, long amount,
      String printContent) {
    this.userId = userId;
    this.idempotencyKey = idempotencyKey;
    this.fromAccountId = fromAccountId;
    this.toAccountId = toAccountId;
    this.amount = amount;
    this.printContent = printContent;
  }

  public MoveRequest(JsonObject json) {
    this(json.getString("userId"), json.getString("idempotencyKey"), json.getString("fromAccountId"),
        json.getString("toAccountId"), json.getLong("amount"), json.getString("printContent"));
  }

  public static MoveRequest of(String userId, String idempotencyKey, String fromAccountId, String toAccountId,
      long amount, String printContent) {
    return new MoveRequest(userId, idempotencyKey, fromAccountId, toAccountId, amount, printContent);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("userId", userId)
        .put("idempotencyKey", idempotencyKey)
        .put("fromAccountId", fromAccountId)
        .put("toAccountId", toAccountId)
        .put("amount", amount)
        .put("printContent", printContent);
  }

  public String userId() {
    return userId;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  public String fromAccountId() {
    return fromAccountId;
  }

  public String toAccountId() {
    return toAccountId;
  }

  public long amount() {
    return amount;
  }

  public String printContent() {
    return printContent;
  }
}
