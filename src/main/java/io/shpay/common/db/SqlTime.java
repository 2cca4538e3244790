package io.shpay.common.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * SH Pay stores times as UTC {@code DATETIME(3)} and answers them as ISO-8601 instants in UTC
 * ({@code 2026-11-21T16:33:10.625Z}), the same form as every other time in its responses, events
 * and webhooks, so a client parses one format; these are the two conversions every repository needs.
 * (Bank-facing dates, such as a transaction range, stay Asia/Seoul days: that is what banks count in.)
 */
public final class SqlTime {

  private SqlTime() {}

  /** The column value for an instant. */
  public static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A stored UTC time as the instant it is. */
  public static Instant instant(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC);
  }

  /** A stored UTC time as an ISO-8601 instant, e.g. {@code 2026-11-21T16:33:10.625Z}. */
  public static String utcText(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC).toString();
  }
}
