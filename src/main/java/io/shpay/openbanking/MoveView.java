package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A move between the user's own accounts as the API shows it: {@code status} is
 * {@code REQUESTED}, {@code WITHDRAWING} or {@code DEPOSITING} while under way (a leg whose
 * outcome is unknown is settled with the bank, never sent again), {@code COMPLETED},
 * {@code FAILED} (the withdrawal was refused: nothing moved), {@code RETURNING} then
 * {@code RETURNED} (the deposit was refused and the amount went back to the first account), or
 * {@code RETURN_FAILED} (the way back was refused too; operators are alerted). {@code legs} holds
 * each transfer sent so far.
 */
@DataObject
public final class MoveView {

  private final JsonObject json;

  public MoveView(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String id() {
    return json.getString("id");
  }

  public String status() {
    return json.getString("status");
  }
}
