package io.shpay.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Korean banks count days and stamp transactions in Asia/Seoul, on a 24-hour clock. Everything
 * that talks to a bank takes its time from here, with an injected {@link Clock} so tests can cross
 * midnight.
 */
public final class BankTime {

  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  /** {@code tran_dtime}: 24-hour ({@code HH}); the seeds used {@code hh} and sent 12-hour times. */
  public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final Clock clock;

  public BankTime(Clock clock) {
    this.clock = clock;
  }

  public ZonedDateTime now() {
    return ZonedDateTime.now(clock.withZone(SEOUL));
  }

  public LocalDate today() {
    return now().toLocalDate();
  }

  public String tranDtime() {
    return DATE_TIME.format(now());
  }

  /** Time left in the Seoul day, never zero or negative (a key set at 23:59:59.999 still lives a moment). */
  public Duration untilMidnight() {
    ZonedDateTime now = now();
    Duration left = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(SEOUL));
    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
  }

  public Clock clock() {
    return clock;
  }
}
