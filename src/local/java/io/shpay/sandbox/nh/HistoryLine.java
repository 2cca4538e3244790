package io.shpay.sandbox.nh;

import java.time.LocalDateTime;

/**
 * One line of an account's history, as {@code InquireTransactionHistory} shows it.
 *
 * @param seq     the order in which lines were written, the tie-breaker for lines of the same second
 * @param at      Asia/Seoul local time of the transaction
 * @param summary the passbook text ({@code Smr})
 * @param tuno    the {@code IsTuno} of the request that wrote the line; "" for seeded lines, which
 *                no request of this institution wrote
 */
record HistoryLine(long seq, LocalDateTime at, boolean deposit, long amount, long afterBalance, String summary,
    String tuno) {

  /** {@code MnrcDrotDsnc}: 2 deposit, 3 withdrawal (1 and 4, opening and closing, never happen here). */
  String mnrcDrotDsnc() {
    return deposit ? "2" : "3";
  }
}
