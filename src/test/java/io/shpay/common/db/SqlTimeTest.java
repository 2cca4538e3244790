package io.shpay.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Instant;

class SqlTimeTest {

  @Test
  void storedTimesAreAnsweredAsUtcInstantsLikeEveryOtherTime() {
    Instant instant = Instant.parse("2026-11-21T16:33:10.625Z");
    assertThat(SqlTime.utcText(SqlTime.utc(instant))).isEqualTo("2026-11-21T16:33:10.625Z");
    assertThat(SqlTime.utcText(SqlTime.utc(Instant.parse("2026-11-21T16:33:00Z")))).isEqualTo("2026-11-21T16:33:00Z");
  }
}
