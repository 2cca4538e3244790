package io.shpay.sandbox.kftc;

import java.util.List;

/**
 * Read-only views of the sandbox bank for tests. Safe to call from any thread: each read sees the
 * latest value written by the sandbox's context. Unknown identifiers throw
 * {@link IllegalArgumentException}.
 */
public interface KftcBankView {

  /** The current balance in won. */
  long balance(String fintechUseNum);

  /** Successful withdrawals the sandbox processed on this account since it started. */
  int withdrawCount(String fintechUseNum);

  /** Successful deposits the sandbox processed on this account since it started. */
  int depositCount(String fintechUseNum);

  /** The {@code user_seq_no} of every seeded person, in seed order. */
  List<String> personIds();

  /** The person's {@code fintech_use_num}s, in seed order. */
  List<String> fintechUseNums(String userSeqNo);

  /**
   * The balance of the using institution's contracted account (SH Pay's), the other side of every
   * withdrawal and deposit: a withdrawal pays into it, a deposit pays out of it. It starts at
   * {@link #INSTITUTION_OPENING_BALANCE} and, as before, never refuses a deposit.
   */
  long institutionBalance();

  /** Every transfer that moved money, in the order the bank processed them. */
  List<Movement> movements();

  /** What the contracted account holds when the sandbox starts. */
  long INSTITUTION_OPENING_BALANCE = 1_000_000_000_000L;

  /** One transfer that moved money: a withdrawal from, or a deposit to, {@code fintechUseNum}. */
  record Movement(String bankTranDate, String bankTranId, boolean deposit, String fintechUseNum, long amount) {
  }
}
