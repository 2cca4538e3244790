package io.shpay.openbanking;

/**
 * No usable answer came back: timeout, connection lost, non-200 status or a body that is not
 * KFTC JSON. For a transfer this means the outcome is unknown and must be asked for, never resent.
 */
final class BankUnreachable extends RuntimeException {

  BankUnreachable(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
