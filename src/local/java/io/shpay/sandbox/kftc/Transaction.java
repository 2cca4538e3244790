package io.shpay.sandbox.kftc;

import java.time.LocalDateTime;

/**
 * One line of an account's history, as {@code transaction_list} shows it.
 *
 * @param seq  the order in which the line was written to the account, the tie-breaker for lines
 *             of the same second and the anchor of the paging cursor
 * @param at   Asia/Seoul local time of the transaction
 */
record Transaction(long seq, LocalDateTime at, boolean deposit, String tranType, String printContent, long amount,
    long afterBalance, String branchName) {

  String inoutType() {
    return deposit ? "입금" : "출금";
  }
}
