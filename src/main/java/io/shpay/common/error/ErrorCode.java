package io.shpay.common.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every failure SH Pay reports, in one place: the stable {@code code} clients switch on, the HTTP
 * status it maps to, and the numeric failure code it travels under on the event bus. Codes are a
 * public contract: add new ones, never rename.
 */
public enum ErrorCode {
  VALIDATION_FAILED(400, "validation_failed", "The request has invalid fields."),
  MALFORMED_JSON(400, "malformed_json", "The request body is not valid JSON."),
  BAD_REQUEST(400, "bad_request", "The request is not valid."),
  UNAUTHENTICATED(401, "unauthenticated", "A valid access token is required."),
  INVALID_CREDENTIALS(401, "invalid_credentials", "The email or password is not correct."),
  INVALID_REFRESH_TOKEN(401, "invalid_refresh_token", "The refresh token is not valid."),
  REFRESH_TOKEN_REUSED(401, "refresh_token_reused", "The refresh token was already used; the session has been revoked."),
  FORBIDDEN(403, "forbidden", "Your role does not allow this."),
  NOT_FOUND(404, "not_found", "There is nothing here."),
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "The method is not allowed on this resource."),
  EMAIL_TAKEN(409, "email_taken", "An account with this email already exists."),
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "The request body is too large."),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "The request body must be application/json."),
  RATE_LIMITED(429, "rate_limited", "Too many attempts; try again later."),
  INTERNAL(500, "internal_error", "Something went wrong on our side."),
  SERVICE_UNAVAILABLE(503, "service_unavailable", "A service SH Pay depends on is not available; try again later."),
  TIMEOUT(503, "timeout", "The request took too long; try again later."),
  // Open banking and money movement. Append new codes at the end: bus codes follow declaration order.
  CONSENT_REQUIRED(403, "consent_required", "Link your bank accounts again: the bank no longer accepts SH Pay's access."),
  INVALID_CONSENT_STATE(400, "invalid_consent_state", "This consent link is unknown, expired or already used."),
  INSUFFICIENT_FUNDS(422, "insufficient_funds", "The account balance is not enough for this amount."),
  BANK_REJECTED(422, "bank_rejected", "The bank refused the request."),
  BANK_ERROR(502, "bank_error", "The bank answered in a way SH Pay did not expect."),
  BANK_UNAVAILABLE(503, "bank_unavailable", "The bank is not answering; try again later."),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused", "This Idempotency-Key was used for a different request."),
  REQUEST_IN_PROGRESS(409, "request_in_progress", "A request with this Idempotency-Key is still being processed."),
  CHECKOUT_NOT_PAYABLE(409, "checkout_not_payable", "This checkout is already paid or being paid."),
  ORDER_EXISTS(409, "order_exists", "This merchant already has a checkout for this order id."),
  PAYMENT_NOT_REFUNDABLE(409, "payment_not_refundable", "Only an approved payment can be refunded."),
  REFUND_EXCEEDS_PAYMENT(422, "refund_exceeds_payment", "Refunds would exceed the amount paid."),
  // Chat assistant.
  MODEL_ERROR(502, "model_error", "The assistant's language model answered in a way SH Pay could not use."),
  MODEL_UNAVAILABLE(503, "model_unavailable", "The assistant's language model is not answering; try again later."),
  // Proving a FinAccount is the user's own.
  HOLDER_NAME_MISMATCH(422, "holder_name_mismatch", "The bank's account holder is not the name on your SH Pay account."),
  FIN_ACCOUNT_UNVERIFIED(409, "fin_account_unverified", "Confirm the code of the 1-won deposit before paying from this account."),
  VERIFICATION_CODE_WRONG(422, "verification_code_wrong", "The code does not match the one in the 1-won deposit."),
  VERIFICATION_CODE_EXPIRED(422, "verification_code_expired", "The code has expired; register the account again for a new one."),
  VERIFICATION_LOCKED(422, "verification_locked", "Too many wrong codes; register the account again for a new one."),
  CONSENT_OTHER_BROWSER(400, "consent_other_browser", "This consent was started in another browser or app."),
  CONSENT_DENIED(400, "consent_denied", "The consent was not given at the bank."),
  // Operations.
  NOT_REPAIRABLE(409, "not_repairable", "Only a payment or refund whose outcome is UNKNOWN can be repaired."),
  // A person's own account.
  WRONG_PASSWORD(403, "wrong_password", "The current password is not correct."),
  MOVEMENTS_IN_PROGRESS(409, "movements_in_progress",
      "Money is still moving through this account; try again once it has settled.");

  private static final Map<Integer, ErrorCode> BY_BUS_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::busCode, Function.identity()));

  private final int httpStatus;
  private final String code;
  private final String title;

  ErrorCode(int httpStatus, String code, String title) {
    this.httpStatus = httpStatus;
    this.code = code;
    this.title = title;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The stable machine-readable code, also the last segment of the problem {@code type}. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** Event-bus failure code: the HTTP status times 100 plus the position among its status' codes. */
  public int busCode() {
    int sameStatusBefore = 0;
    for (ErrorCode other : values()) {
      if (other == this) {
        break;
      }
      if (other.httpStatus == httpStatus) {
        sameStatusBefore++;
      }
    }
    return httpStatus * 100 + sameStatusBefore;
  }

  public static Optional<ErrorCode> fromBusCode(int busCode) {
    return Optional.ofNullable(BY_BUS_CODE.get(busCode));
  }
}
