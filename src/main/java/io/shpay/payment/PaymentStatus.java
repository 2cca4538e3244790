package io.shpay.payment;

/**
 * Where a payment or a refund stands: {@code REQUESTED} while the bank is being asked, then
 * {@code APPROVED} or {@code FAILED} by the bank's word, or {@code UNKNOWN} (no final answer) until
 * a lookup or an audited repair settles it. The names are the wire values of REST, events and webhooks.
 */
public enum PaymentStatus {
  REQUESTED,
  APPROVED,
  FAILED,
  UNKNOWN;

  /** Still waiting for the bank's word (a lookup or repair may settle it). */
  public boolean isOpen() {
    return this == REQUESTED || this == UNKNOWN;
  }
}
