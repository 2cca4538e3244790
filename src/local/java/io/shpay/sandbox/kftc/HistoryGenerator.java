package io.shpay.sandbox.kftc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes a believable past for each seeded account: card payments, bills, transfers, salary.
 * The history ends at the seeded balance (the last line's after-balance is the balance the seed
 * gives) and is worked out backwards from it, so no line ever shows a negative balance. The same
 * seed, account and start day always give the same history, so a failing test can be replayed.
 */
final class HistoryGenerator {

  private record Template(boolean deposit, String tranType, String printContent, long min, long max,
      String branchName, int weight) {
  }

  private static final List<Template> TEMPLATES = List.of(
      new Template(true, "대체", "급여", 2_100_000, 3_400_000, "본점", 2),
      new Template(true, "타행환", "박서연", 10_000, 300_000, "인터넷뱅킹", 3),
      new Template(true, "타행환", "최도윤", 10_000, 200_000, "인터넷뱅킹", 3),
      new Template(true, "대체", "예금이자", 100, 5_000, "본점", 1),
      new Template(true, "현금", "ATM입금", 50_000, 500_000, "강남역지점", 2),
      new Template(true, "대체", "쿠팡 환불", 9_900, 89_000, "인터넷뱅킹", 1),
      new Template(false, "체크카드", "스타벅스 강남R점", 4_500, 15_000, "체크카드", 8),
      new Template(false, "체크카드", "GS25 역삼점", 1_200, 25_000, "체크카드", 8),
      new Template(false, "체크카드", "쿠팡", 9_900, 120_000, "체크카드", 6),
      new Template(false, "체크카드", "배달의민족", 15_000, 45_000, "체크카드", 6),
      new Template(false, "체크카드", "카카오T 택시", 6_800, 32_000, "체크카드", 4),
      new Template(false, "체크카드", "CGV 용산아이파크몰", 14_000, 30_000, "체크카드", 2),
      new Template(false, "자동이체", "SKT 통신요금", 45_000, 89_000, "자동이체", 2),
      new Template(false, "자동이체", "아파트 관리비", 120_000, 250_000, "자동이체", 1),
      new Template(false, "타행환", "이체 정유진", 20_000, 500_000, "인터넷뱅킹", 4),
      new Template(false, "현금", "ATM출금", 50_000, 300_000, "을지로지점", 2));

  private static final int TOTAL_WEIGHT = TEMPLATES.stream().mapToInt(Template::weight).sum();

  private final long seed;
  private final int count;
  private final int days;

  HistoryGenerator(long seed, int count, int days) {
    this.seed = seed;
    this.count = count;
    this.days = days;
  }

  /**
   * {@code count} lines, oldest first, on the {@code days} days before {@code today} (never on
   * {@code today} itself, so that the sandbox's own transfers come after them), numbered from
   * {@code firstSeq}.
   */
  List<Transaction> generate(String fintechUseNum, long balance, LocalDate today, long firstSeq) {
    Random random = new Random(seed * 31 + fintechUseNum.hashCode());
    LocalDateTime[] times = new LocalDateTime[count];
    for (int i = 0; i < count; i++) {
      LocalDate day = today.minusDays(1 + random.nextInt(days));
      times[i] = LocalDateTime.of(day, LocalTime.of(7, 0).plusSeconds(random.nextInt(16 * 3600 + 1800)));
    }
    Arrays.sort(times);

    // Backwards from the seeded balance: each line's after-balance is known, its before-balance follows.
    // Spending outweighs income in the catalogue, so walking back the balance climbs; above a ceiling
    // the walk picks income instead, which keeps the past balance near today's like a living account.
    Transaction[] lines = new Transaction[count];
    long ceiling = balance + Math.max(300_000, balance / 2);
    long after = balance;
    for (int i = count - 1; i >= 0; i--) {
      Template template = after > ceiling ? pick(random, true) : pick(random);
      long amount = amount(template, random);
      if (template.deposit() && amount > after) {
        template = pick(random, false);
        amount = amount(template, random);
      }
      lines[i] = new Transaction(firstSeq + i, times[i], template.deposit(), template.tranType(),
          template.printContent(), amount, after, template.branchName());
      after = template.deposit() ? after - amount : after + amount;
    }
    return new ArrayList<>(Arrays.asList(lines));
  }

  private static Template pick(Random random) {
    int ticket = random.nextInt(TOTAL_WEIGHT);
    for (Template template : TEMPLATES) {
      ticket -= template.weight();
      if (ticket < 0) {
        return template;
      }
    }
    throw new IllegalStateException("weights do not add up");
  }

  private static Template pick(Random random, boolean deposit) {
    Template template;
    do {
      template = pick(random);
    } while (template.deposit() != deposit);
    return template;
  }

  /** Whole hundreds of won, as most card and transfer amounts are. */
  private static long amount(Template template, Random random) {
    long raw = template.min() + (long) (random.nextDouble() * (template.max() - template.min()));
    return Math.max(100, raw / 100 * 100);
  }
}
