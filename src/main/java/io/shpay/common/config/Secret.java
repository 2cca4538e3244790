package io.shpay.common.config;

/**
 * A configured secret (password, key, token). Its {@code toString} never shows the value, so a
 * config object can be logged or printed by a debugger without leaking it.
 */
public record Secret(String value) {

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
