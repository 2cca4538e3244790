package io.shpay.payment;

/** No usable NH answer: for a transfer its outcome is unknown and must be looked up, never resent. */
final class NhUnreachable extends RuntimeException {

  NhUnreachable(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
