package io.shpay.common.config;

/** A configuration value is missing or invalid; the message names the key and the variable that sets it. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
