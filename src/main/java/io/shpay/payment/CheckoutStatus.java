package io.shpay.payment;

/**
 * Where a checkout stands: {@code OPEN} (may be paid), {@code PROCESSING} (a payment of it is at
 * the bank), {@code PAID}. A failed payment opens it again. The names are the REST wire values.
 */
public enum CheckoutStatus {
  OPEN,
  PROCESSING,
  PAID
}
