package io.shpay.payment;

/**
 * A payment this pay has just recorded (REQUESTED, committed), with what the event of its settlement needs besides
 * its row: its checkout's order and, for an NH payment, its FinAccount's number (null when this process does not hold
 * it; the settlement then reads it under the payment's lock).
 */
record RecordedPayment(MoneyMovement movement, String orderId, String accountNumber) {

  RecordedPayment withAccountNumber(String number) {
    return new RecordedPayment(movement, orderId, number);
  }

  /** Whether its settlement's event can be written from this alone, without reading the payment back. */
  boolean describable() {
    return orderId != null && (movement.rail() != Rail.NH || accountNumber != null);
  }
}
