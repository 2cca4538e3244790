package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Body field checks shared by the calls; every failure is an E0002 naming the field. NH sends
 * every field, numbers included, as a JSON string, so a JSON number in a field's place is refused
 * rather than coerced: a client that sends numbers would lose leading zeros at the real NH.
 */
final class Fields {

  private static final Pattern ACNO = Pattern.compile("\\d{1,20}");
  private static final Pattern FIN_ACNO = Pattern.compile("\\d{24,30}");
  private static final Pattern BIRTH_DATE = Pattern.compile("\\d{8}");
  private static final Pattern BUSINESS_NUMBER = Pattern.compile("\\d{10}");
  private static final Pattern SMALL_NUMBER = Pattern.compile("\\d{1,5}");

  /** Sandbox choice: the longest passbook text ({@code DractOtlt}, {@code MractOtlt}) accepted. */
  static final int PASSBOOK_TEXT_MAX = 20;

  private Fields() {
  }

  /** The field if it is a JSON string, null if absent; any other JSON type is E0002. */
  static String string(JsonObject json, String name) {
    Object value = json.getValue(name);
    if (value != null && !(value instanceof String)) {
      throw NhError.field(name + " must be a JSON string");
    }
    return (String) value;
  }

  static String required(JsonObject json, String name) {
    String value = string(json, name);
    if (value == null || value.isBlank()) {
      throw NhError.field(name + " is required");
    }
    return value;
  }

  static String oneOf(JsonObject json, String name, String... allowed) {
    String value = string(json, name);
    if (value == null || !Arrays.asList(allowed).contains(value)) {
      throw NhError.field(name + " must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  /** {@code Bncd}: NH Developers reaches NH accounts only, 011 (NH Bank) and 012 (NH local cooperatives). */
  static String bankCode(JsonObject json) {
    return oneOf(json, "Bncd", "011", "012");
  }

  static String accountNumber(JsonObject json) {
    String value = string(json, "Acno");
    if (value == null || !ACNO.matcher(value).matches()) {
      throw NhError.field("Acno must be 1 to 20 digits without dashes");
    }
    return value;
  }

  static String finAcno(JsonObject json) {
    String value = string(json, "FinAcno");
    if (value == null || !FIN_ACNO.matcher(value).matches()) {
      throw NhError.field("FinAcno must be 24 to 30 digits");
    }
    return value;
  }

  /** {@code BrdtBrno}: a person's birth date {@code yyyyMMdd} or a company's 10-digit business number. */
  static String birthDate(JsonObject json) {
    String value = string(json, "BrdtBrno");
    if (value != null && BUSINESS_NUMBER.matcher(value).matches()) {
      return value;
    }
    if (value != null && BIRTH_DATE.matcher(value).matches()) {
      try {
        LocalDate.parse(value, KoreanWire.DATE);
        return value;
      } catch (DateTimeParseException e) {
        // falls through to the refusal below
      }
    }
    throw NhError.field("BrdtBrno must be a birth date yyyyMMdd or a 10-digit business number");
  }

  /** A count or page number sent as a string of digits, within {@code [min, max]}. */
  static int number(JsonObject json, String name, int min, int max) {
    String value = string(json, name);
    if (value == null || !SMALL_NUMBER.matcher(value).matches()
        || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
      throw NhError.field(name + " must be a number from " + min + " to " + max);
    }
    return Integer.parseInt(value);
  }

  /** Passbook text: optional, at most {@link #PASSBOOK_TEXT_MAX} characters; absent is "". */
  static String passbookText(JsonObject json, String name) {
    String value = string(json, name);
    if (value != null && value.length() > PASSBOOK_TEXT_MAX) {
      throw NhError.field(name + " must be at most " + PASSBOOK_TEXT_MAX + " characters");
    }
    return value == null ? "" : value.strip();
  }
}
