package io.shpay.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.chat.DateRanges.Range;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Date ranges as people say them; today is Thursday 2026-11-19 and both ends are included. */
class DateRangesUnitTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 19);

  @Test
  void relativeDays() {
    assertThat(DateRanges.find("오늘 쓴 돈", TODAY)).contains(range("2026-11-19", "2026-11-19"));
    assertThat(DateRanges.find("what did I spend yesterday", TODAY)).contains(range("2026-11-18", "2026-11-18"));
    assertThat(DateRanges.find("그저께", TODAY)).contains(range("2026-11-17", "2026-11-17"));
    assertThat(DateRanges.find("최근 7일", TODAY)).contains(range("2026-11-13", "2026-11-19"));
    assertThat(DateRanges.find("last 30 days", TODAY)).contains(range("2026-10-21", "2026-11-19"));
    assertThat(DateRanges.find("3일간 거래", TODAY)).contains(range("2026-11-17", "2026-11-19"));
  }

  @Test
  void weeksStartOnMonday() {
    assertThat(DateRanges.find("이번 주", TODAY)).contains(range("2026-11-16", "2026-11-19"));
    assertThat(DateRanges.find("last week", TODAY)).contains(range("2026-11-09", "2026-11-15"));
    assertThat(DateRanges.find("일주일", TODAY)).contains(range("2026-11-13", "2026-11-19"));
    assertThat(DateRanges.find("past 2 weeks", TODAY)).contains(range("2026-11-06", "2026-11-19"));
  }

  @Test
  void monthsAndYears() {
    assertThat(DateRanges.find("이번 달", TODAY)).contains(range("2026-11-01", "2026-11-19"));
    assertThat(DateRanges.find("지난달", TODAY)).contains(range("2026-10-01", "2026-10-31"));
    assertThat(DateRanges.find("last month", LocalDate.of(2026, 3, 10))).contains(range("2026-02-01", "2026-02-28"));
    assertThat(DateRanges.find("최근 3개월", TODAY)).contains(range("2026-08-20", "2026-11-19"));
    assertThat(DateRanges.find("올해", TODAY)).contains(range("2026-01-01", "2026-11-19"));
  }

  @Test
  void aMessageWithoutADateNamesNoRange() {
    assertThat(DateRanges.find("what is my balance", TODAY)).isEmpty();
  }

  @Test
  void aLongRangeIsClampedToItsLastDays() {
    assertThat(range("2026-01-01", "2026-11-19").clampedTo(90)).isEqualTo(range("2026-08-21", "2026-11-19"));
    assertThat(range("2026-11-01", "2026-11-19").clampedTo(90)).isEqualTo(range("2026-11-01", "2026-11-19"));
  }

  private static Range range(String from, String to) {
    return new Range(LocalDate.parse(from), LocalDate.parse(to));
  }
}
