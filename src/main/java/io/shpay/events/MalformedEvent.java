package io.shpay.events;

/** A record on the payment-events topic that is not a version-1 payment event; retrying cannot help. */
public final class MalformedEvent extends RuntimeException {

  MalformedEvent(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  MalformedEvent(String message) {
    super(message, null, false, false);
  }
}
