package io.shpay.sandbox.kftc;

/**
 * A refused KFTC call. KFTC answers refusals with HTTP 200 and codes in the body, so this carries
 * the codes, not an HTTP status; the dispatcher turns it into the envelope. A {@code bankRspCode}
 * means the request reached the (sandbox) bank, which then said no.
 */
final class KftcError extends RuntimeException {

  private final String rspCode;
  private final String bankRspCode;
  private final String bankCodeTran;
  private final int httpStatus;

  private KftcError(String rspCode, String detail, String bankRspCode, String bankCodeTran, int httpStatus) {
    super(detail, null, false, false);
    this.rspCode = rspCode;
    this.bankRspCode = bankRspCode;
    this.bankCodeTran = bankCodeTran;
    this.httpStatus = httpStatus;
  }

  /** A0004 with HTTP 400: the request is not even well-formed HTTP for this call (e.g. a body that is not JSON). */
  static KftcError malformed(String detail) {
    return new KftcError(RspCodes.FORMAT, detail, null, null, 400);
  }

  /** A0004: a field is missing, malformed, or breaks a wire rule (bank_tran_id format or reuse). */
  static KftcError format(String detail) {
    return new KftcError(RspCodes.FORMAT, detail, null, null, 200);
  }

  /** An error decided by KFTC itself, before any bank. */
  static KftcError of(String rspCode, String detail) {
    return new KftcError(rspCode, detail, null, null, 200);
  }

  /** A0002: the bank answered with {@code bankRspCode}. */
  static KftcError bank(String bankRspCode, String bankCodeTran, String detail) {
    return new KftcError(RspCodes.BANK_FAILURE, detail, bankRspCode, bankCodeTran, 200);
  }

  int httpStatus() {
    return httpStatus;
  }

  String rspCode() {
    return rspCode;
  }

  String detail() {
    return getMessage();
  }

  /** Null when no bank was reached. */
  String bankRspCode() {
    return bankRspCode;
  }

  /** Null when no bank was reached. */
  String bankCodeTran() {
    return bankCodeTran;
  }
}
