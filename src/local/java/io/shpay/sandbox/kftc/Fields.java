package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.regex.Pattern;

/** Field checks shared by the data calls; every failure is an A0004 naming the field. */
final class Fields {

  private static final Pattern FINTECH_USE_NUM = Pattern.compile("\\d{24}");
  private static final Pattern USER_SEQ_NO = Pattern.compile("\\d{10}");

  private Fields() {
  }

  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw KftcError.format(name + " is required");
    }
    return value;
  }

  static String oneOf(String value, String name, String... allowed) {
    if (value == null || !Arrays.asList(allowed).contains(value)) {
      throw KftcError.format(name + " must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  static String fintechUseNum(String value) {
    if (value == null || !FINTECH_USE_NUM.matcher(value).matches()) {
      throw KftcError.format("fintech_use_num must be 24 digits");
    }
    return value;
  }

  static String userSeqNo(String value) {
    if (value == null || !USER_SEQ_NO.matcher(value).matches()) {
      throw KftcError.format("user_seq_no must be 10 digits");
    }
    return value;
  }

  /** A JSON field KFTC sends as a string; a number or object in its place is a format error. */
  static String string(JsonObject body, String name) {
    Object value = body.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw KftcError.format(name + " must be a string");
    }
    return (String) value;
  }

  static String requiredString(JsonObject body, String name) {
    return required(string(body, name), name);
  }

  static String maxLength(String value, String name, int max) {
    if (value != null && value.length() > max) {
      throw KftcError.format(name + " must be at most " + max + " characters");
    }
    return value;
  }
}
