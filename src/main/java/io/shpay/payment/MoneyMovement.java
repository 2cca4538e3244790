package io.shpay.payment;

/**
 * A payment or a refund as stored: the money to move, where it comes from or goes to, the bank-side
 * id fixed before the bank was asked, and the outcome so far.
 */
record MoneyMovement(
    String id,
    String paymentId,
    String checkoutId,
    String merchantId,
    String userId,
    long amount,
    String rail,
    String sourceId,
    String railTranId,
    String railTranDate,
    String railRef,
    String status,
    int reconcileAttempts,
    java.time.Instant createdAt) {

  static final String REQUESTED = "REQUESTED";
  static final String APPROVED = "APPROVED";
  static final String FAILED = "FAILED";
  static final String UNKNOWN = "UNKNOWN";

  boolean isRefund() {
    return !id.equals(paymentId);
  }
}
