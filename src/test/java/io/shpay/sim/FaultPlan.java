package io.shpay.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which faults a seed injects and when: each starts when the workload begins a given operation and, for
 * faults that last, ends some operations later. Chosen from {@code java.util.Random(seed)} alone, so the
 * same seed always plans the same faults.
 */
final class FaultPlan {

  enum Kind {
    /** The bank answers later than SH Pay waits (it does the work first, as a slow bank does). */
    NH_SLOW, KFTC_SLOW,
    /** The bank executes the next call and closes the connection without answering. */
    NH_DROP, KFTC_DROP,
    /** Every open connection from SH Pay to the bank is reset. */
    NH_RESET, KFTC_RESET,
    /** While bank calls are in flight, SH Pay's MySQL connections are reset and MySQL stays unreachable for a moment. */
    MYSQL_RESET,
    /** While bank calls are in flight, the MySQL server kills SH Pay's connections ({@code KILL}). */
    MYSQL_KILL,
    /** The Kafka broker stops, and starts again some operations later. */
    KAFKA_DOWN,
    /** Redis loses everything ({@code FLUSHALL}). */
    REDIS_FLUSH,
    /** The SH Pay process is killed while bank calls are in flight, and a fresh one starts on the same database. */
    PROCESS_KILL
  }

  /**
   * One planned fault.
   *
   * @param detail which operation a drop hits, or how many connections a KILL takes
   */
  record Fault(Kind kind, int atOp, int untilOp, String detail) {
    @Override
    public String toString() {
      return kind + " at op " + atOp + (untilOp > atOp ? " until op " + untilOp : "") + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  static final List<String> NH_CALLS = List.of("DrawingTransfer", "ReceivedTransferFinAccount", "InquireTransactionHistory");
  static final List<String> KFTC_CALLS = List.of("/v2.0/transfer/withdraw/fin_num", "/v2.0/transfer/deposit/fin_num",
      "/v2.0/transfer/result");

  final List<Fault> faults;

  private FaultPlan(List<Fault> faults) {
    this.faults = faults;
  }

  static FaultPlan of(long seed, int operations, int faultCount) {
    Random random = new Random(seed);
    Kind[] kinds = Kind.values();
    List<Fault> faults = new ArrayList<>();
    // Every seed kills a process and loses a bank answer at least once; the rest is drawn.
    List<Kind> chosen = new ArrayList<>(List.of(Kind.PROCESS_KILL, random.nextBoolean() ? Kind.NH_DROP : Kind.KFTC_DROP));
    while (chosen.size() < faultCount) {
      chosen.add(kinds[random.nextInt(kinds.length)]);
    }
    for (Kind kind : chosen) {
      int at = 1 + random.nextInt(Math.max(1, operations - 2));
      int until = switch (kind) {
        case NH_SLOW, KFTC_SLOW, KAFKA_DOWN -> Math.min(operations, at + 2 + random.nextInt(5));
        default -> at;
      };
      String detail = switch (kind) {
        case NH_DROP -> NH_CALLS.get(random.nextInt(NH_CALLS.size()));
        case KFTC_DROP -> KFTC_CALLS.get(random.nextInt(KFTC_CALLS.size()));
        case MYSQL_KILL -> Integer.toString(1 + random.nextInt(8));
        default -> "";
      };
      faults.add(new Fault(kind, at, until, detail));
    }
    faults.sort(Comparator.comparingInt(Fault::atOp));
    return new FaultPlan(List.copyOf(faults));
  }

  @Override
  public String toString() {
    return faults.toString();
  }
}
