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
    Rail rail,
    String sourceId,
    String railTranId,
    String railTranDate,
    String railRef,
    PaymentStatus status,
    int reconcileAttempts,
    java.time.Instant createdAt) {

  boolean isRefund() {
    return !id.equals(paymentId);
  }
}
