package io.shpay.sandbox.nh;

import java.util.List;

/**
 * Read-only views of the sandbox bank for tests. Safe to call from any thread: each read sees the
 * latest value written by the sandbox's context. Unknown accounts, and FinAcnos the sandbox has
 * not issued, throw {@link IllegalArgumentException}.
 */
public interface NhBankView {

  /** The current balance in won. */
  long balance(String bankCode, String accountNumber);

  /** The current balance in won of the account behind an issued FinAcno. */
  long balanceOfFinAccount(String finAcno);

  /** Successful {@code DrawingTransfer}s from this FinAccount since the sandbox started. */
  int drawingCount(String finAcno);

  /** Successful deposits by {@code ReceivedTransferAccountNumber} or {@code ReceivedTransferFinAccount}. */
  int receivedCount(String bankCode, String accountNumber);

  /** Every seeded account in seed order, SH Pay's settlement account included (it is seeded last). */
  List<Account> accounts();

  /** Every transfer that moved money, in the order the bank processed them. */
  List<Movement> movements();

  /** One transfer that moved money, with the {@code IsTuno} of the request that made it. */
  record Movement(String isTuno, Account from, Account to, long amount) {
  }
}
