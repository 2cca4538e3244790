package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What an ADMIN asks of a repair: the movement whose outcome is still UNKNOWN, what the bank recorded for it (its
 * outcome, transaction id and, when known, time) and why. The REST layer has checked the fields' shapes; the
 * payment service checks the movement.
 */
@DataObject
public final class RepairRequest {

  /** Which kind of money movement is repaired; its wire value is the lower-case name. */
  public enum Kind {
    PAYMENT, REFUND;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind ofWire(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  /** The outcomes a bank records; a repair settles to one of them. */
  public enum Outcome {
    APPROVED, FAILED;

    public PaymentStatus status() {
      return PaymentStatus.valueOf(name());
    }
  }

  private final Kind kind;
  private final String movementId;
  private final Outcome outcome;
  private final String bankTransactionId;
  private final Instant bankTransactionAt;
  private final String reason;

  public RepairRequest(Kind kind, String movementId, Outcome outcome, String bankTransactionId,
      Instant bankTransactionAt, String reason) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.movementId = Objects.requireNonNull(movementId, "movementId");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.bankTransactionId = Objects.requireNonNull(bankTransactionId, "bankTransactionId");
    this.bankTransactionAt = bankTransactionAt;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RepairRequest(JsonObject json) {
    this(Kind.ofWire(json.getString("kind")), json.getString("movementId"), Outcome.valueOf(json.getString("outcome")),
        json.getString("bankTransactionId"),
        json.getString("bankTransactionAt") == null ? null : Instant.parse(json.getString("bankTransactionAt")),
        json.getString("reason"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("kind", kind.wire())
        .put("movementId", movementId)
        .put("outcome", outcome.name())
        .put("bankTransactionId", bankTransactionId)
        .put("reason", reason);
    if (bankTransactionAt != null) {
      json.put("bankTransactionAt", bankTransactionAt.toString());
    }
    return json;
  }

  public Kind kind() {
    return kind;
  }

  public String movementId() {
    return movementId;
  }

  public Outcome outcome() {
    return outcome;
  }

  public String bankTransactionId() {
    return bankTransactionId;
  }

  /** When the bank recorded the transaction, or null when the evidence does not say. */
  public Instant bankTransactionAt() {
    return bankTransactionAt;
  }

  public String reason() {
    return reason;
  }
}
