package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One of a user's NH FinAccounts as its owner may see it: the account number masked (its last four digits hidden;
 * the full number and the FinAcno never leave the payment service), the nickname, whether the 1-won code is
 * confirmed and, until it is, when the code sent expires. Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class FinAccountView {

  /** Whether the FinAccount is proven its owner's (and so can be charged and read). */
  public enum Status { VERIFIED, PENDING_VERIFICATION }

  private final String id;
  private final String bankCode;
  private final String accountNumMasked;
  private final String nickname;
  private final Status status;
  private final Instant createdAt;
  private final Instant verificationExpiresAt;

  public FinAccountView(String id, String bankCode, String accountNumMasked, String nickname, Status status,
      Instant createdAt, Instant verificationExpiresAt) {
    this.id = id;
    this.bankCode = bankCode;
    this.accountNumMasked = accountNumMasked;
    this.nickname = nickname;
    this.status = status;
    this.createdAt = createdAt;
    this.verificationExpiresAt = verificationExpiresAt;
  }

  public FinAccountView(JsonObject json) {
    this(json.getString("id"), json.getString("bankCode"), json.getString("accountNumMasked"),
        json.getString("nickname"), Status.valueOf(json.getString("status")), Instant.parse(json.getString("createdAt")),
        json.getString("verificationExpiresAt") == null ? null : Instant.parse(json.getString("verificationExpiresAt")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("bankCode", bankCode).put("accountNumMasked", accountNumMasked)
        .put("nickname", nickname).put("status", status.name()).put("createdAt", createdAt.toString())
        .put("verificationExpiresAt", verificationExpiresAt == null ? null : verificationExpiresAt.toString());
  }

  public String id() {
    return id;
  }

  public String bankCode() {
    return bankCode;
  }

  /** The account number with its last four digits as {@code ****}. */
  public String accountNumMasked() {
    return accountNumMasked;
  }

  public String nickname() {
    return nickname;
  }

  public Status status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** When the code of the 1-won deposit stops working; null once verified or when no code is out. */
  public Instant verificationExpiresAt() {
    return verificationExpiresAt;
  }
}
