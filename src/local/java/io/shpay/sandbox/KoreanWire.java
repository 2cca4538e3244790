package io.shpay.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalQuery;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Time and amounts as both Korean banks write them. They live on Korean time, so every date a
 * sandbox writes or compares is an Asia/Seoul date taken from the options' clock. Parsing is
 * strict ({@code uuuu} + {@link ResolverStyle#STRICT}) so that an hour 24, a minute 60 or a
 * 31 February is refused rather than silently rolled over, and a value must first have the
 * all-digits shape, so a 12-hour time with an AM/PM marker never reaches the parser. Each bank
 * supplies its own error (KFTC's format error, NH's E0002) and wording.
 */
public final class KoreanWire {

  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  public static final DateTimeFormatter DATE = strict("uuuuMMdd");
  public static final DateTimeFormatter TIME = strict("HHmmss");

  public static final Pattern DIGITS_8 = Pattern.compile("\\d{8}");
  public static final Pattern DIGITS_6 = Pattern.compile("\\d{6}");

  private KoreanWire() {
  }

  public static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
  }

  public static LocalDateTime now(Clock clock) {
    return LocalDateTime.now(clock.withZone(SEOUL));
  }

  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(SEOUL));
  }

  /**
   * {@code value} parsed with {@code format}; {@code error} of {@code badShape} when it does not
   * match {@code shape}, of {@code badValue} when it has the shape but is no real date or time.
   */
  public static <T> T parse(String value, Pattern shape, DateTimeFormatter format, TemporalQuery<T> query,
      Function<String, ? extends RuntimeException> error, String badShape, String badValue) {
    if (value == null || !shape.matcher(value).matches()) {
      throw error.apply(badShape);
    }
    try {
      return format.parse(value, query);
    } catch (DateTimeParseException e) {
      throw error.apply(badValue);
    }
  }

  /** A positive whole number of won matching {@code shape} (digits only), or {@code error} of {@code message}. */
  public static long amount(String value, Pattern shape, Function<String, ? extends RuntimeException> error,
      String message) {
    if (value == null || !shape.matcher(value).matches() || Long.parseLong(value) == 0) {
      throw error.apply(message);
    }
    return Long.parseLong(value);
  }
}
