package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import static io.shpay.sandbox.KoreanWire.DIGITS_6;
import static io.shpay.sandbox.KoreanWire.DIGITS_8;
import static io.shpay.sandbox.KoreanWire.parse;
import static io.shpay.sandbox.KoreanWire.strict;

/**
 * KFTC's own formats on top of {@link KoreanWire}: the {@code tran_dtime} and {@code api_tran_dtm}
 * timestamps, 12-digit amounts, and a format error (A0004-style) naming the field.
 */
final class Wire {

  static final DateTimeFormatter DTIME = strict("uuuuMMddHHmmss");
  static final DateTimeFormatter API_DTM = strict("uuuuMMddHHmmssSSS");

  private static final Pattern DIGITS_14 = Pattern.compile("\\d{14}");
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}");

  private Wire() {
  }

  /** A {@code yyyyMMddHHmmss} on a 24-hour clock, or a format error naming the field. */
  static LocalDateTime dtime(String value, String field) {
    return parse(value, DIGITS_14, DTIME, LocalDateTime::from, KftcError::format,
        field + " must be yyyyMMddHHmmss (24-hour clock)", field + " is not a valid yyyyMMddHHmmss time");
  }

  static LocalDate date(String value, String field) {
    return parse(value, DIGITS_8, KoreanWire.DATE, LocalDate::from, KftcError::format,
        field + " must be yyyyMMdd", field + " is not a valid yyyyMMdd date");
  }

  static LocalTime time(String value, String field) {
    return parse(value, DIGITS_6, KoreanWire.TIME, LocalTime::from, KftcError::format,
        field + " must be HHmmss", field + " is not a valid HHmmss time");
  }

  /** A positive amount of won as KFTC sends it: 1 to 12 digits, not zero. */
  static long amount(String value, String field) {
    return KoreanWire.amount(value, AMOUNT, KftcError::format,
        field + " must be a positive whole number of won (1 to 12 digits)");
  }
}
