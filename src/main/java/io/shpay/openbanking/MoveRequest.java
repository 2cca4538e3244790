package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A validated request to move money between two of the caller's own linked accounts, under the
 * client's {@code Idempotency-Key}: the same key always means the same move.
 */
@DataObject
public final class MoveRequest {

  private final JsonObject json;

  public MoveRequest(JsonObject json) {
    this.json = json.copy();
  }

  public static MoveRequest of(String userId, String idempotencyKey, String fromAccountId, String toAccountId,
      long amount, String printContent) {
    return new MoveRequest(new JsonObject()
        .put("userId", userId)
        .put("idempotencyKey", idempotencyKey)
        .put("fromAccountId", fromAccountId)
        .put("toAccountId", toAccountId)
        .put("amount", amount)
        .put("printContent", printContent));
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String userId() {
    return json.getString("userId");
  }

  public String idempotencyKey() {
    return json.getString("idempotencyKey");
  }

  public String fromAccountId() {
    return json.getString("fromAccountId");
  }

  public String toAccountId() {
    return json.getString("toAccountId");
  }

  public long amount() {
    return json.getLong("amount");
  }

  public String printContent() {
    return json.getString("printContent");
  }
}
