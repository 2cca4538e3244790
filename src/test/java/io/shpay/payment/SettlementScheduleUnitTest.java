package io.shpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When an unknown payment or refund is looked up again: 5 min, 15 min, 1 h, 6 h, then daily, until it is too old. */
class SettlementScheduleUnitTest {

  private static final Instant CREATED = Instant.parse("2026-11-20T01:00:00Z");
  private static final Duration GIVE_UP_AFTER = Duration.ofDays(7);

  @Test
  void theGapsGrowThenStayDaily() {
    Instant now = CREATED.plus(Duration.ofHours(2));

    assertThat(gapAfter(now, 1)).isEqualTo(Duration.ofMinutes(5));
    assertThat(gapAfter(now, 2)).isEqualTo(Duration.ofMinutes(15));
    assertThat(gapAfter(now, 3)).isEqualTo(Duration.ofHours(1));
    assertThat(gapAfter(now, 4)).isEqualTo(Duration.ofHours(6));
    assertThat(gapAfter(now, 5)).isEqualTo(Duration.ofDays(1));
    assertThat(gapAfter(now, 40)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void lookupsStopOncePastTheGiveUpTime() {
    Instant lastDay = CREATED.plus(GIVE_UP_AFTER).minus(Duration.ofHours(2));

    assertThat(Settlement.nextLookup(lastDay, CREATED, 3, GIVE_UP_AFTER)).isEqualTo(lastDay.plus(Duration.ofHours(1)));
    assertThat(Settlement.nextLookup(lastDay, CREATED, 4, GIVE_UP_AFTER)).isNull();
    assertThat(Settlement.nextLookup(lastDay, CREATED, 9, GIVE_UP_AFTER)).isNull();
  }

  @Test
  void aLookupExactlyAtTheGiveUpTimeStillHappens() {
    Instant now = CREATED.plus(GIVE_UP_AFTER).minus(Duration.ofMinutes(5));

    assertThat(Settlement.nextLookup(now, CREATED, 1, GIVE_UP_AFTER)).isEqualTo(CREATED.plus(GIVE_UP_AFTER));
  }

  private static Duration gapAfter(Instant now, int attempts) {
    return Duration.between(now, Settlement.nextLookup(now, CREATED, attempts, GIVE_UP_AFTER));
  }
}
