package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A move between the user's own accounts: {@code status} is
 * {@code REQUESTED}, {@code WITHDRAWING} or {@code DEPOSITING} while under way (a leg whose
 * outcome is unknown is settled with the bank, never sent again), {@code COMPLETED},
 * {@code FAILED} (the withdrawal was refused: nothing moved), {@code RETURNING} then
 * {@code RETURNED} (the deposit was refused and the amount went back to the first account), or
 * {@code RETURN_FAILED} (the way back was refused too; operators are alerted in Slack). Each leg is
 * the transfer sent for it so far, or null. Its JSON form is only how it crosses the event bus: the REST body is
 * built from the fields in the API.
 */
@DataObject
public final class MoveView {

  private final String id;
  private final String fromAccountId;
  private final String toAccountId;
  private final long amount;
  private final String status;
  private final TransferView withdrawal;
  private final TransferView deposit;
  private final TransferView returnLeg;
  private final Instant createdAt;
  private final Instant updatedAt;

  public MoveView(String id, String fromAccountId, String toAccountId, long amount, String status,
      TransferView withdrawal, TransferView deposit, TransferView returnLeg, Instant createdAt, Instant updatedAt) {
    this.id = id;
    this.fromAccountId = fromAccountId;
    this.toAccountId = toAccountId;
    this.amount = amount;
    this.status = status;
    this.withdrawal = withdrawal;
    this.deposit = deposit;
    this.returnLeg = returnLeg;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public MoveView(JsonObject json) {
    this(json.getString("id"), json.getString("fromAccountId"), json.getString("toAccountId"), json.getLong("amount"),
        json.getString("status"), leg(json, "withdrawal"), leg(json, "deposit"), leg(json, "return"),
        Instant.parse(json.getString("createdAt")), Instant.parse(json.getString("updatedAt")));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("fromAccountId", fromAccountId)
        .put("toAccountId", toAccountId)
        .put("amount", amount)
        .put("status", status)
        .put("withdrawal", withdrawal == null ? null : withdrawal.toJson())
        .put("deposit", deposit == null ? null : deposit.toJson())
        .put("return", returnLeg == null ? null : returnLeg.toJson())
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }

  public String id() {
    return id;
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

  public String status() {
    return status;
  }

  /** The withdrawal from the first account, or null before it is sent. */
  public TransferView withdrawal() {
    return withdrawal;
  }

  /** The deposit into the second account, or null before it is sent. */
  public TransferView deposit() {
    return deposit;
  }

  /** The deposit back into the first account after a refused deposit, or null. */
  public TransferView returnLeg() {
    return returnLeg;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  private static TransferView leg(JsonObject json, String field) {
    return json.getJsonObject(field) == null ? null : new TransferView(json.getJsonObject(field));
  }
}
