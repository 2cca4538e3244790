package io.shpay.sandbox.nh;

import java.util.ArrayList;
import java.util.List;

/**
 * One NH account: who holds it, its balance, its history and how often the sandbox moved money
 * through it. The descriptive fields never change; balance and counters change only on the
 * sandbox's context and are volatile so that {@link NhBankView} readers on other threads see the
 * latest values; the history is read only on the context.
 */
final class Ledger {

  final Account account;
  /** SH Pay's own account at NH: the other side of every DrawingTransfer and Received* transfer. */
  final boolean settlement;

  private volatile long balance;
  private volatile int drawingCount;
  private volatile int receivedCount;
  private final List<HistoryLine> history = new ArrayList<>();

  Ledger(Account account, boolean settlement, long balance) {
    this.account = account;
    this.settlement = settlement;
    this.balance = balance;
  }

  String bankCode() {
    return account.bankCode();
  }

  String accountNumber() {
    return account.accountNumber();
  }

  String holderName() {
    return account.holderName();
  }

  long balance() {
    return balance;
  }

  int drawingCount() {
    return drawingCount;
  }

  int receivedCount() {
    return receivedCount;
  }

  /** Oldest first, in the order written. */
  List<HistoryLine> history() {
    return history;
  }

  /** Appends a line; the balance becomes the line's after-balance (for seeded lines, the one it already was). */
  void write(HistoryLine line) {
    history.add(line);
    balance = line.afterBalance();
  }

  // The counters are only ever incremented on the sandbox's one context, so ++ on a volatile is safe here.

  void countDrawing() {
    drawingCount++;
  }

  void countReceived() {
    receivedCount++;
  }
}
