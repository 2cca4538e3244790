package io.shpay.history;

import io.shpay.common.error.Failures;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/** The position after the last entry of a page: its time and sequence number, opaque to clients. */
record HistoryCursor(LocalDateTime occurredAt, long seq) {

  String encode() {
    String text = occurredAt.toInstant(ZoneOffset.UTC).toEpochMilli() + ":" + seq;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static HistoryCursor decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
      if (parts.length != 2) {
        throw new IllegalArgumentException();
      }
      Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
      return new HistoryCursor(LocalDateTime.ofInstant(at, ZoneOffset.UTC), Long.parseLong(parts[1]));
    } catch (IllegalArgumentException e) {
      throw Failures.invalid("cursor", "is not a cursor from a previous page");
    }
  }
}
