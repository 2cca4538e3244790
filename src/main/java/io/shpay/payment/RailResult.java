package io.shpay.payment;

/**
 * What a bank rail said about a charge, refund or lookup: {@code APPROVED}, {@code FAILED} (with
 * the bank's code and reason) or {@code UNKNOWN} (no answer; only a lookup may settle it), and
 * the rail's own reference when it has one (the open-banking transfer id for KFTC).
 */
record RailResult(PaymentStatus outcome, String bankCode, String bankMessage, String railRef) {

  static RailResult approved(String code, String message, String ref) {
    return new RailResult(PaymentStatus.APPROVED, code, message, ref);
  }

  static RailResult failed(String code, String message, String ref) {
    return new RailResult(PaymentStatus.FAILED, code, message, ref);
  }

  static RailResult unknown(String message, String ref) {
    return new RailResult(PaymentStatus.UNKNOWN, null, message, ref);
  }

  boolean isUnknown() {
    return outcome == PaymentStatus.UNKNOWN;
  }
}
