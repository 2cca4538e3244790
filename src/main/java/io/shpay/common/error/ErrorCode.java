package io.shpay.common.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every failure SH Pay reports, in one place: the numeric failure code it travels under on the
 * event bus, the HTTP status it maps to, and the stable {@code code} clients switch on. Codes are a
 * public contract: add new ones, never rename or renumber.
 *
 * <p>Bus codes are written out, not derived from declaration order, so adding or moving a constant
 * never changes another one's number (a process on an older build still reads them right). A new
 * code takes its HTTP status times 100 plus the next free number for that status.
 */
public enum ErrorCode {
  VALIDATION_FAILED(40000, 400, "validation_failed", "The request has invalid fields."),
  MALFORMED_JSON(40001, 400, "malformed_json", "The request body is not valid JSON."),
  BAD_REQUEST(40002, 400, "bad_request", "The request is not valid."),
  UNAUTHENTICATED(40100, 401, "unauthenticated", "A valid access token is required."),
  INVALID_CREDENTIALS(40101, 401, "invalid_credentials", "The email or password is not correct."),
  INVALID_REFRESH_TOKEN(40102, 401, "invalid_refresh_token", "The refresh token is not valid."),
  REFRESH_TOKEN_REUSED(40103, 401, "refresh_token_reused", "The refresh token was already used; the session has been revoked."),
  FORBIDDEN(40300, 403, "forbidden", "Your role does not allow this."),
  NOT_FOUND(40400, 404, "not_found", "There is nothing here."),
  METHOD_NOT_ALLOWED(40500, 405, "method_not_allowed", "The method is not allowed on this resource."),
  EMAIL_TAKEN(40900, 409, "email_taken", "An account with this email already exists."),
  PAYLOAD_TOO_LARGE(41300, 413, "payload_too_large", "The request body is too large."),
  UNSUPPORTED_MEDIA_TYPE(41500, 415, "unsupported_media_type", "The request body must be application/json."),
  RATE_LIMITED(42900, 429, "rate_limited", "Too many attempts; try again later."),
  INTERNAL(50000, 500, "internal_error", "Something went wrong on our side."),
  SERVICE_UNAVAILABLE(50300, 503, "service_unavailable", "A service SH Pay depends on is not available; try again later."),
  TIMEOUT(50301, 503, "timeout", "The request took too long; try again later."),
  // Open banking and money movement.
  CONSENT_REQUIRED(40301, 403, "consent_required", "Link your bank accounts again: the bank no longer accepts SH Pay's access."),
  INVALID_CONSENT_STATE(40003, 400, "invalid_consent_state", "This consent link is unknown, expired or already used."),
  INSUFFICIENT_FUNDS(42200, 422, "insufficient_funds", "The account balance is not enough for this amount."),
  BANK_REJECTED(42201, 422, "bank_rejected", "The bank refused the request."),
  BANK_ERROR(50200, 502, "bank_error", "The bank answered in a way SH Pay did not expect."),
  BANK_UNAVAILABLE(50302, 503, "bank_unavailable", "The bank is not answering; try again later."),
  IDEMPOTENCY_KEY_REUSED(42202, 422, "idempotency_key_reused", "This Idempotency-Key was used for a different request."),
  REQUEST_IN_PROGRESS(40901, 409, "request_in_progress", "A request with this Idempotency-Key is still being processed."),
  CHECKOUT_NOT_PAYABLE(40902, 409, "checkout_not_payable", "This checkout is already paid or being paid."),
  ORDER_EXISTS(40903, 409, "order_exists", "This merchant already has a checkout for this order id."),
  PAYMENT_NOT_REFUNDABLE(40904, 409, "payment_not_refundable", "Only an approved payment can be refunded."),
  REFUND_EXCEEDS_PAYMENT(42203, 422, "refund_exceeds_payment", "Refunds would exceed the amount paid."),
  // Chat assistant.
  MODEL_ERROR(50201, 502, "model_error", "The assistant's language model answered in a way SH Pay could not use."),
  MODEL_UNAVAILABLE(50303, 503, "model_unavailable", "The assistant's language model is not answering; try again later."),
  // Proving a FinAccount is the user's own.
  HOLDER_NAME_MISMATCH(42204, 422, "holder_name_mismatch", "The bank's account holder is not the name on your SH Pay account."),
  FIN_ACCOUNT_UNVERIFIED(40905, 409, "fin_account_unverified", "Confirm the code of the 1-won deposit before paying from this account."),
  VERIFICATION_CODE_WRONG(42205, 422, "verification_code_wrong", "The code does not match the one in the 1-won deposit."),
  VERIFICATION_CODE_EXPIRED(42206, 422, "verification_code_expired", "The code has expired; register the account again for a new one."),
  VERIFICATION_LOCKED(42207, 422, "verification_locked", "Too many wrong codes; register the account again for a new one."),
  CONSENT_OTHER_BROWSER(40004, 400, "consent_other_browser", "This consent was started in another browser or app."),
  CONSENT_DENIED(40005, 400, "consent_denied", "The consent was not given at the bank."),
  // Operations.
  NOT_REPAIRABLE(40906, 409, "not_repairable", "Only a payment or refund whose outcome is UNKNOWN can be repaired."),
  // A person's own account.
  WRONG_PASSWORD(40302, 403, "wrong_password", "The current password is not correct."),
  MOVEMENTS_IN_PROGRESS(40907, 409, "movements_in_progress",
      "Money is still moving through this account; try again once it has settled.");

  private static final Map<Integer, ErrorCode> BY_BUS_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(ErrorCode::busCode, Function.identity()));

  private final int busCode;
  private final int httpStatus;
  private final String code;
  private final String title;

  ErrorCode(int busCode, int httpStatus, String code, String title) {
    this.busCode = busCode;
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

  /** Event-bus failure code, fixed per constant (conventionally the HTTP status times 100 plus a number). */
  public int busCode() {
    return busCode;
  }

  public static Optional<ErrorCode> fromBusCode(int busCode) {
    return Optional.ofNullable(BY_BUS_CODE.get(busCode));
  }
}
