package io.shpay.sandbox.nh;

/**
 * A refusal on its way to the client as {@code Rpcd} and {@code Rsms}. Endpoints throw it from
 * anywhere in their checks; {@link NhCalls} turns it into the HTTP 200 answer NH always sends.
 * Refusals are expected, so no stack trace is filled in.
 */
final class NhError extends RuntimeException {

  private final String rpcd;

  private NhError(String rpcd, String detail) {
    super(detail, null, false, false);
    this.rpcd = rpcd;
  }

  /** E0002: a header or body field is missing or malformed; {@code detail} names the field. */
  static NhError field(String detail) {
    return new NhError(Rpcd.FIELD, detail);
  }

  static NhError of(String rpcd, String detail) {
    return new NhError(rpcd, detail);
  }

  String rpcd() {
    return rpcd;
  }

  String detail() {
    return getMessage();
  }
}
