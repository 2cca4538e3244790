package io.shpay.chat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date ranges as people say them, in Korean and English: 오늘/today, 어제/yesterday, 이번 주/this week,
 * 지난주/last week, 이번 달/this month, 지난달/last month, 최근 7일/last 7 days, 일주일/a week, 한 달/a month,
 * 올해/this year. Weeks start on Monday; both ends are included; days are Asia/Seoul days.
 */
final class DateRanges {

  record Range(LocalDate from, LocalDate to) {
    Range clampedTo(int maxDays) {
      return from.plusDays(maxDays).isBefore(to) ? new Range(to.minusDays(maxDays), to) : this;
    }
  }

  private static final Pattern LAST_DAYS = Pattern.compile(
      "(?:최근|지난|last|past)\\s*(\\d{1,3})\\s*(?:일|days?)|(\\d{1,3})\\s*일\\s*(?:간|동안)");
  private static final Pattern LAST_WEEKS = Pattern.compile("(?:최근|지난|last|past)\\s*(\\d{1,2})\\s*(?:주|weeks?)");
  private static final Pattern LAST_MONTHS = Pattern.compile("(?:최근|지난|last|past)\\s*(\\d{1,2})\\s*(?:개월|달|months?)");

  private DateRanges() {}

  /** The range a message names, relative to {@code today}; empty when it names none. */
  static Optional<Range> find(String text, LocalDate today) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher days = LAST_DAYS.matcher(t);
    if (days.find()) {
      int n = Integer.parseInt(days.group(1) != null ? days.group(1) : days.group(2));
      return Optional.of(new Range(today.minusDays(Math.max(0, n - 1)), today));
    }
    Matcher weeks = LAST_WEEKS.matcher(t);
    if (weeks.find()) {
      return Optional.of(new Range(today.minusWeeks(Integer.parseInt(weeks.group(1))).plusDays(1), today));
    }
    Matcher months = LAST_MONTHS.matcher(t);
    if (months.find()) {
      return Optional.of(new Range(today.minusMonths(Integer.parseInt(months.group(1))).plusDays(1), today));
    }
    LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    if (has(t, "지난주", "지난 주", "저번주", "저번 주", "last week")) {
      return Optional.of(new Range(monday.minusWeeks(1), monday.minusDays(1)));
    }
    if (has(t, "이번주", "이번 주", "금주", "this week")) {
      return Optional.of(new Range(monday, today));
    }
    if (has(t, "지난달", "지난 달", "저번달", "저번 달", "전월", "last month")) {
      LocalDate first = today.withDayOfMonth(1).minusMonths(1);
      return Optional.of(new Range(first, first.with(TemporalAdjusters.lastDayOfMonth())));
    }
    if (has(t, "이번달", "이번 달", "이달", "this month")) {
      return Optional.of(new Range(today.withDayOfMonth(1), today));
    }
    if (has(t, "올해", "this year")) {
      return Optional.of(new Range(today.withDayOfYear(1), today));
    }
    if (has(t, "일주일", "한 주", "a week", "past week")) {
      return Optional.of(new Range(today.minusDays(6), today));
    }
    if (has(t, "한달", "한 달", "a month", "past month")) {
      return Optional.of(new Range(today.minusMonths(1).plusDays(1), today));
    }
    if (has(t, "그저께", "그제", "day before yesterday")) {
      return Optional.of(new Range(today.minusDays(2), today.minusDays(2)));
    }
    if (has(t, "어제", "yesterday")) {
      return Optional.of(new Range(today.minusDays(1), today.minusDays(1)));
    }
    if (has(t, "오늘", "today")) {
      return Optional.of(new Range(today, today));
    }
    return Optional.empty();
  }

  private static boolean has(String text, String... words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
