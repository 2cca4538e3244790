package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Base64;

/**
 * A caller's Idempotency-Key as a pay presents it to {@link PaymentService#payHoldingKey}, which makes the payment
 * row the key's only record: the payment carries the key and {@code fingerprint}, the request's (method, path, body)
 * digest, and its status is the key's answer ({@link PaymentService#paymentOfKey}). The same key with another
 * request is {@code idempotency_key_reused}. {@code claimedAt} and {@code expiresAt} date the record the API keeps
 * instead when the pay fails with a client error before any payment is recorded.
 */
@DataObject
public final class IdempotencyClaim {

  private final String scope;
  private final String key;
  private final byte[] fingerprint;
  private final Instant claimedAt;
  private final Instant expiresAt;

  public IdempotencyClaim(String scope, String key, byte[] fingerprint, Instant claimedAt, Instant expiresAt) {
    this.scope = scope;
    this.key = key;
    this.fingerprint = fingerprint.clone();
    this.claimedAt = claimedAt;
    this.expiresAt = expiresAt;
  }

  public IdempotencyClaim(JsonObject json) {
    this(json.getString("scope"), json.getString("key"), Base64.getDecoder().decode(json.getString("fingerprint")),
        json.getInstant("claimedAt"), json.getInstant("expiresAt"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("scope", scope)
        .put("key", key)
        .put("fingerprint", Base64.getEncoder().encodeToString(fingerprint))
        .put("claimedAt", claimedAt)
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

  public Instant expiresAt() {
    return expiresAt;
  }
}
