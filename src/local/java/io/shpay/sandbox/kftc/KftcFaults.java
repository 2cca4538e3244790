package io.shpay.sandbox.kftc;

import java.time.Duration;

/**
 * Fault injection for tests and demos. Every method is thread-safe and takes effect for the next
 * request that arrives. Paths are exact request paths such as {@code /v2.0/transfer/withdraw/fin_num}.
 * The same settings are reachable over HTTP at {@code POST /sandbox/faults} and {@code DELETE /sandbox/faults}.
 */
public interface KftcFaults {

  /** Delays every KFTC response by {@code delay} (the work is done first); {@link Duration#ZERO} clears it. */
  void latency(Duration delay);

  /**
   * The next {@code times} calls to {@code path} answer HTTP 200 with {@code rspCode} (and, when
   * not null, {@code bankRspCode}) without being processed at all: no money moves, no
   * {@code bank_tran_id} is used up, and {@code transfer/result} later reports "no such transfer".
   */
  void failNext(String path, int times, String rspCode, String bankRspCode);

  /**
   * The next {@code times} calls to {@code path} are processed fully (money moves, the
   * {@code bank_tran_id} is recorded) and then the connection is closed without a response.
   */
  void dropNext(String path, int times);

  /** Removes latency and every pending failure and drop. */
  void clear();
}
