package io.shpay.sandbox.kftc;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * The KFTC wire vocabulary for time and amounts. KFTC lives on Korean time, so every date the
 * sandbox writes or compares is an Asia/Seoul date taken from the options' clock. Parsing is
 * strict ({@code uuuu} + {@link ResolverStyle#STRICT}) so that an hour 24, a minute 60 or a
 * 31 February in {@code tran_dtime} is refused rather than silently rolled over.
 */
final class Wire {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  static final DateTimeFormatter DATE = strict("uuuuMMdd");
  static final DateTimeFormatter TIME = strict("HHmmss");
  static final DateTimeFormatter DTIME = strict("uuuuMMddHHmmss");
  static final DateTimeFormatter API_DTM = strict("uuuuMMddHHmmssSSS");

  private static final Pattern DIGITS_14 = Pattern.compile("\\d{14}");
  private static final Pattern DIGITS_8 = Pattern.compile("\\d{8}");
  private static final Pattern DIGITS_6 = Pattern.compile("\\d{6}");
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}");

  private Wire() {
  }

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
  }

  static LocalDateTime now(Clock clock) {
    return LocalDateTime.now(clock.withZone(SEOUL));
  }

  static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(SEOUL));
  }

  /** A {@code yyyyMMddHHmmss} on a 24-hour clock, or a format error naming the field. */
  static LocalDateTime dtime(String value, String field) {
    if (value == null || !DIGITS_14.matcher(value).matches()) {
      throw KftcError.format(field + " must be yyyyMMddHHmmss (24-hour clock)");
    }
    try {
      return LocalDateTime.parse(value, DTIME);
    } catch (DateTimeParseException e) {
      throw KftcError.format(field + " is not a valid yyyyMMddHHmmss time");
    }
  }

  static LocalDate date(String value, String field) {
    if (value == null || !DIGITS_8.matcher(value).matches()) {
      throw KftcError.format(field + " must be yyyyMMdd");
    }
    try {
      return LocalDate.parse(value, DATE);
    } catch (DateTimeParseException e) {
      throw KftcError.format(field + " is not a valid yyyyMMdd date");
    }
  }

  static java.time.LocalTime time(String value, String field) {
    if (value == null || !DIGITS_6.matcher(value).matches()) {
      throw KftcError.format(field + " must be HHmmss");
    }
    try {
      return java.time.LocalTime.parse(value, TIME);
    } catch (DateTimeParseException e) {
      throw KftcError.format(field + " is not a valid HHmmss time");
    }
  }

  /** A positive amount of won as KFTC sends it: 1 to 12 digits, not zero. */
  static long amount(String value, String field) {
    if (value == null || !AMOUNT.matcher(value).matches() || Long.parseLong(value) == 0) {
      throw KftcError.format(field + " must be a positive whole number of won (1 to 12 digits)");
    }
    return Long.parseLong(value);
  }
}
