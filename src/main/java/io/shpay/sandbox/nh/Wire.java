package io.shpay.sandbox.nh;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * The NH wire vocabulary for time and amounts. NH lives on Korean time, so every date the sandbox
 * writes or compares is an Asia/Seoul date taken from the options' clock. Parsing is strict
 * ({@code uuuu} + {@link ResolverStyle#STRICT}) so that an hour 24, a minute 60 or a 31 February
 * is refused rather than silently rolled over; a 12-hour {@code Trtm} with an AM/PM marker fails
 * the six-digit shape before it is parsed at all.
 */
final class Wire {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  static final DateTimeFormatter DATE = strict("uuuuMMdd");
  static final DateTimeFormatter TIME = strict("HHmmss");

  private static final Pattern DIGITS_8 = Pattern.compile("\\d{8}");
  private static final Pattern DIGITS_6 = Pattern.compile("\\d{6}");
  private static final Pattern TRAM = Pattern.compile("\\d{1,15}");

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

  /** A {@code yyyyMMdd} date, or E0002 naming the field. */
  static LocalDate date(String value, String field) {
    if (value == null || !DIGITS_8.matcher(value).matches()) {
      throw NhError.field(field + " must be yyyyMMdd");
    }
    try {
      return LocalDate.parse(value, DATE);
    } catch (DateTimeParseException e) {
      throw NhError.field(field + " is not a valid yyyyMMdd date");
    }
  }

  /** An {@code HHmmss} time on the 24-hour clock, or E0002 naming the field. */
  static LocalTime time(String value, String field) {
    if (value == null || !DIGITS_6.matcher(value).matches()) {
      throw NhError.field(field + " must be HHmmss on the 24-hour clock");
    }
    try {
      return LocalTime.parse(value, TIME);
    } catch (DateTimeParseException e) {
      throw NhError.field(field + " is not a valid HHmmss time (24-hour clock)");
    }
  }

  /** {@code Tram}: a positive whole number of won, 1 to 15 digits as NH sends it. */
  static long amount(String value, String field) {
    if (value == null || !TRAM.matcher(value).matches() || Long.parseLong(value) == 0) {
      throw NhError.field(field + " must be a positive whole number of won (1 to 15 digits)");
    }
    return Long.parseLong(value);
  }
}
