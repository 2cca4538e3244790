package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Pattern;

import static io.shpay.sandbox.KoreanWire.DIGITS_6;
import static io.shpay.sandbox.KoreanWire.DIGITS_8;
import static io.shpay.sandbox.KoreanWire.parse;

/**
 * NH's own formats on top of {@link KoreanWire}: 15-digit {@code Tram} amounts and E0002 naming
 * the field. A 12-hour {@code Trtm} with an AM/PM marker fails the six-digit shape before it is
 * parsed at all.
 */
final class Wire {

  private static final Pattern TRAM = Pattern.compile("\\d{1,15}");

  private Wire() {
  }

  /** A {@code yyyyMMdd} date, or E0002 naming the field. */
  static LocalDate date(String value, String field) {
    return parse(value, DIGITS_8, KoreanWire.DATE, LocalDate::from, NhError::field,
        field + " must be yyyyMMdd", field + " is not a valid yyyyMMdd date");
  }

  /** An {@code HHmmss} time on the 24-hour clock, or E0002 naming the field. */
  static LocalTime time(String value, String field) {
    return parse(value, DIGITS_6, KoreanWire.TIME, LocalTime::from, NhError::field,
        field + " must be HHmmss on the 24-hour clock", field + " is not a valid HHmmss time (24-hour clock)");
  }

  /** {@code Tram}: a positive whole number of won, 1 to 15 digits as NH sends it. */
  static long amount(String value, String field) {
    return KoreanWire.amount(value, TRAM, NhError::field,
        field + " must be a positive whole number of won (1 to 15 digits)");
  }
}
