package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bank account behind a {@code fintech_use_num}. The descriptive fields never change; the
 * balance, counters and history change only on the sandbox's context. Balance and counters are
 * volatile so that {@link KftcBankView} readers on other threads see the latest values; the
 * history and daily totals are read only on the context.
 */
final class Account {

  final String fintechUseNum;
  final String userSeqNo;
  final String bankCodeStd;
  final String bankCodeSub;
  final String bankName;
  final String accountNum;
  final String accountNumMasked;
  final String accountSeq;
  final String accountAlias;
  final String accountHolderName;
  final String accountType;
  final String productName;
  final String accountIssueDate;
  final long dailyWithdrawLimit;

  private volatile long balance;
  private volatile int withdrawCount;
  private volatile int depositCount;
  /** The bank closed the account (해지): KFTC no longer lists it and refuses calls on it with 415. */
  volatile boolean closed;
  /** The person withdrew it from this institution (account/cancel, user/close); a new consent registers it again. */
  volatile boolean cancelled;
  private final List<Transaction> history = new ArrayList<>();
  private final Map<LocalDate, Long> withdrawnOn = new HashMap<>();

  Account(String fintechUseNum, String userSeqNo, String bankCodeStd, String bankCodeSub, String bankName,
      String accountNum, String accountNumMasked, String accountSeq, String accountAlias, String accountHolderName,
      String accountType, String productName, String accountIssueDate, long dailyWithdrawLimit, long balance) {
    this.fintechUseNum = fintechUseNum;
    this.userSeqNo = userSeqNo;
    this.bankCodeStd = bankCodeStd;
    this.bankCodeSub = bankCodeSub;
    this.bankName = bankName;
    this.accountNum = accountNum;
    this.accountNumMasked = accountNumMasked;
    this.accountSeq = accountSeq;
    this.accountAlias = accountAlias;
    this.accountHolderName = accountHolderName;
    this.accountType = accountType;
    this.productName = productName;
    this.accountIssueDate = accountIssueDate;
    this.dailyWithdrawLimit = dailyWithdrawLimit;
    this.balance = balance;
  }

  long balance() {
    return balance;
  }

  int withdrawCount() {
    return withdrawCount;
  }

  int depositCount() {
    return depositCount;
  }

  /** Oldest first, in the order written. */
  List<Transaction> history() {
    return history;
  }

  void addHistory(Transaction line) {
    history.add(line);
  }

  /** How much more may leave the account on {@code day} (the bank's daily withdrawal limit). */
  long withdrawLimitRemaining(LocalDate day) {
    return Math.max(0, dailyWithdrawLimit - withdrawnOn.getOrDefault(day, 0L));
  }

  /** The written counters are only ever incremented on the sandbox's one context, so ++ on a volatile is safe here. */
  void withdraw(Transaction line, LocalDate day) {
    balance = line.afterBalance();
    withdrawnOn.merge(day, line.amount(), Long::sum);
    history.add(line);
    withdrawCount++;
  }

  void deposit(Transaction line) {
    balance = line.afterBalance();
    history.add(line);
    depositCount++;
  }

  String lastTranDate() {
    return history.isEmpty() ? "" : KoreanWire.DATE.format(history.get(history.size() - 1).at());
  }
}
