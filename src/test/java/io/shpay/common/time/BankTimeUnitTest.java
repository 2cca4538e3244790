package io.shpay.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The Seoul day that daily-unique bank ids (bank_tran_id, IsTuno) belong to, and how long their Redis claim lives
 * ({@code DailyUniqueIds} sets it to expire at the next 00:00 KST).
 */
class BankTimeUnitTest {

  @Test
  void theSeoulDayTurnsAt15UtcAndTheClaimLivesUntilThen() {
    BankTime beforeMidnight = at("2026-11-21T14:59:00Z");
    BankTime afterMidnight = at("2026-11-21T15:00:00Z");

    assertThat(beforeMidnight.today()).isEqualTo(LocalDate.of(2026, 11, 21));
    assertThat(beforeMidnight.untilMidnight()).isEqualTo(Duration.ofMinutes(1));
    assertThat(afterMidnight.today()).isEqualTo(LocalDate.of(2026, 11, 22));
    assertThat(afterMidnight.untilMidnight()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aClaimMadeInTheLastMomentOfTheDayStillLivesASecond() {
    assertThat(at("2026-11-21T14:59:59.999Z").untilMidnight()).isEqualTo(Duration.ofSeconds(1));
    assertThat(at("2026-11-21T14:59:59Z").untilMidnight()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void bankTimesAreSeoulTimesOnA24HourClock() {
    BankTime afternoon = at("2026-11-21T05:04:03Z");

    assertThat(afternoon.tranDtime()).isEqualTo("20261121140403");
    assertThat(BankTime.DATE.format(afternoon.today())).isEqualTo("20261121");
  }

  private static BankTime at(String instant) {
    return new BankTime(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }
}
