package io.shpay.sandbox.nh;

import java.time.Duration;

/**
 * Fault injection for tests and demos. Every method is thread-safe and takes effect for the next
 * call that arrives. {@code apiNm} is an NH API name such as {@code DrawingTransfer} (not a path);
 * an unknown name is refused so that a typo cannot silently inject nothing. The same settings are
 * reachable over HTTP at {@code POST /sandbox/faults} and {@code DELETE /sandbox/faults}.
 */
public interface NhFaults {

  /** Delays every NH answer by {@code delay} (the work is done first); {@link Duration#ZERO} clears it. */
  void latency(Duration delay);

  /**
   * The next {@code times} calls of {@code apiNm} answer HTTP 200 with {@code rpcd} and
   * {@code rsms} (null = the code's usual message) without being processed at all: no header
   * checks, no money moves, and the {@code IsTuno} is not used up.
   */
  void failNext(String apiNm, int times, String rpcd, String rsms);

  /**
   * The next {@code times} calls of {@code apiNm} are processed fully (money moves, the
   * {@code IsTuno} is recorded and shows as {@code Tuno} in the history) and then the connection
   * is closed without an answer.
   */
  void dropNext(String apiNm, int times);

  /** Removes latency and every pending failure and drop. */
  void clear();
}
