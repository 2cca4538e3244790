package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * A user's NH FinAccount as its owner may see it: the account number masked, never the FinAcno.
 * {@code verificationExpiresAt} is when the code of its 1-won deposit stops working, while it is
 * unverified. Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class FinAccountRecord {

  private final String id;
  private final String bankCode;
  private final String accountNumMasked;
  private final boolean verified;
  private final Instant createdAt;
  private final Instant verificationExpiresAt;

  public FinAccountRecord(String id, String bankCode, String accountNumMasked, boolean verified, Instant createdAt,
      Instant verificationExpiresAt) {
    this.id = id;
    this.bankCode = bankCode;
    this.accountNumMasked = accountNumMasked;
    this.verified = verified;
    this.createdAt = createdAt;
    this.verificationExpiresAt = verificationExpiresAt;
  }

  public FinAccountRecord(JsonObject json) {
    this(json.getString("id"), json.getString("bankCode"), json.getString("accountNumMasked"),
        json.getBoolean("verified"), json.getInstant("createdAt"), json.getInstant("verificationExpiresAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("bankCode", bankCode)
        .put("accountNumMasked", accountNumMasked)
        .put("verified", verified)
        .put("createdAt", createdAt)
        .put("verificationExpiresAt", verificationExpiresAt);
  }

  public String id() {
    return id;
  }

  public String bankCode() {
    return bankCode;
  }

  public String accountNumMasked() {
    return accountNumMasked;
  }

  /** Proven the user's own by the code of its 1-won deposit: only then can it be charged. */
  public boolean verified() {
    return verified;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** While unverified, when the deposit's code expires; otherwise null. */
  public Instant verificationExpiresAt() {
    return verificationExpiresAt;
  }
}
