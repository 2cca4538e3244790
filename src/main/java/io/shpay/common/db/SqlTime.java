package io.shpay.common.db;

import io.shpay.common.time.BankTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * SH Pay stores times as UTC {@code DATETIME(3)} and shows them to people in Asia/Seoul with the
 * offset; these are the two conversions every repository needs.
 */
public final class SqlTime {

  private SqlTime() {}

  /** The column value for an instant. */
  public static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A stored UTC time as ISO-8601 in Seoul, e.g. {@code 2026-11-22T01:33:10.625+09:00}. */
  public static String seoulText(LocalDateTime utc) {
    return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(BankTime.SEOUL).toOffsetDateTime().toString();
  }
}
