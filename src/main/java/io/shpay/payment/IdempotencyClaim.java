package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Base64;

/**
 * A caller's Idempotency-Key that no request has used yet, handed to {@link PaymentService#payHoldingKey} so that
 * the key's record ({@code idempotency_records}) is written in the payment's own transaction instead of a commit of
 * its own: claimed (IN_PROGRESS, for {@code leaseUntil}) with the payment row and never completed, the payment's
 * status being the key's answer ({@link PaymentService#answeredPayment}). {@code fingerprint} is the request's
 * (method, path, body) digest: the same key with another request is {@code idempotency_key_reused}.
 */
@DataObject
public final class IdempotencyClaim {

  private final String scope;
  private final String key;
  private final byte[] fingerprint;
  private final Instant claimedAt;
  private final Instant leaseUntil;
  private final Instant expiresAt;

  public IdempotencyClaim(String scope, String key, byte[] fingerprint, Instant claimedAt, Instant leaseUntil,
      Instant expiresAt) {
    this.scope = scope;
    this.key = key;
    this.fingerprint = fingerprint.clone();
    this.claimedAt = claimedAt;
    this.leaseUntil = leaseUntil;
    this.expiresAt = expiresAt;
  }

  public IdempotencyClaim(JsonObject json) {
    this(json.getString("scope"), json.getString("key"), Base64.getDecoder().decode(json.getString("fingerprint")),
        json.getInstant("claimedAt"), json.getInstant("leaseUntil"), json.getInstant("expiresAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("scope", scope)
        .put("key", key)
        .put("fingerprint", Base64.getEncoder().encodeToString(fingerprint))
        .put("claimedAt", claimedAt)
        .put("leaseUntil", leaseUntil)
        .put("expiresAt", expiresAt);
  }

  /** Whose key it is ({@code user:<id>}): keys of different callers never collide. */
  public String scope() {
    return scope;
  }

  public String key() {
    return key;
  }

  public byte[] fingerprint() {
    return fingerprint.clone();
  }

  public Instant claimedAt() {
    return claimedAt;
  }

  /** Until when a retry is told the request is still running (409); after it a retry runs again. */
  public Instant leaseUntil() {
    return leaseUntil;
  }

  public Instant expiresAt() {
    return expiresAt;
  }
}
