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
}
