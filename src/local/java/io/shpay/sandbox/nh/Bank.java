package io.shpay.sandbox.nh;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory NH bank: its accounts, the FinAccounts issued on them and the money rules.
 * SH Pay's settlement account is the other side of every transfer, as at NH: a DrawingTransfer
 * moves money from the user's FinAccount into it, and both Received* calls pay out of it. Mutated
 * only on the sandbox verticle's context (no locks); the {@link NhBankView} methods read
 * structure fixed at construction, concurrent maps and volatile fields, so tests may call them
 * from any thread.
 */
final class Bank implements NhBankView {

  /** Sandbox choice (spec: E0202): the most one DrawingTransfer may take, in won. */
  static final long MAX_DRAWING = 5_000_000L;

  private final Map<String, Ledger> ledgers = new LinkedHashMap<>();
  private final Ledger settlement;
  private final FinAccounts finAccounts;
  private final List<Account> accounts;
  // Appended on every transfer and read only as a snapshot: a copy-on-write list copied the whole history on each
  // transfer, which the benchmark's 160,000 transfers turned into 1.5 ms of the sandbox's CPU apiece.
  private final java.util.Queue<Movement> movements = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private long nextSeq;

  /** {@code ledgers} in seed order, exactly one of them the settlement account. */
  Bank(List<Ledger> ledgers, String iscd, long firstFreeSeq) {
    ledgers.forEach(ledger -> this.ledgers.put(key(ledger.bankCode(), ledger.accountNumber()), ledger));
    this.settlement = ledgers.stream().filter(ledger -> ledger.settlement).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("one account must be the settlement account"));
    this.finAccounts = new FinAccounts(iscd, ledgers);
    this.accounts = ledgers.stream().map(ledger -> ledger.account).toList();
    this.nextSeq = firstFreeSeq;
  }

  Optional<Ledger> ledger(String bankCode, String accountNumber) {
    return Optional.ofNullable(ledgers.get(key(bankCode, accountNumber)));
  }

  /** The account or E0101. */
  Ledger existing(String bankCode, String accountNumber) {
    return ledger(bankCode, accountNumber)
        .orElseThrow(() -> NhError.of(Rpcd.NO_SUCH_ACCOUNT, "no account " + accountNumber + " at bank " + bankCode));
  }

  FinAccounts finAccounts() {
    return finAccounts;
  }

  /** An issued FinAccount or E0101. */
  FinAccount finAccount(String finAcno) {
    return finAccounts.find(finAcno)
        .orElseThrow(() -> NhError.of(Rpcd.NO_SUCH_ACCOUNT, "FinAcno is not an issued FinAccount"));
  }

  Ledger settlement() {
    return settlement;
  }

  /**
   * DrawingTransfer: {@code amount} from the user's FinAccount to the settlement account, or the
   * refusal with nothing moved. The limit is checked before the balance because it holds whatever
   * the balance: a client learns to split a payment, not to wait for a top-up.
   *
   * @param userText       {@code DractOtlt}, the user's passbook line ("" = the settlement holder's name)
   * @param settlementText {@code MractOtlt}, the settlement account's line ("" = the user's name)
   */
  void draw(FinAccount from, long amount, String userText, String settlementText, LocalDateTime at, String tuno) {
    Ledger user = from.ledger();
    if (user.settlement) {
      throw NhError.field("FinAcno is the institution's own settlement account");
    }
    if (amount > MAX_DRAWING) {
      throw NhError.of(Rpcd.OVER_LIMIT, "Tram is over 5,000,000 won, the limit of one DrawingTransfer");
    }
    if (amount > user.balance()) {
      throw NhError.of(Rpcd.INSUFFICIENT_BALANCE, "Tram is more than the payable balance");
    }
    move(user, settlement, amount, or(userText, settlement.holderName()), or(settlementText, user.holderName()), at, tuno);
    user.countDrawing();
  }

  /**
   * Both Received* calls: {@code amount} from the settlement account to the user's account.
   *
   * @param settlementText {@code DractOtlt}, the settlement account's line ("" = the user's name)
   * @param userText       {@code MractOtlt}, the user's passbook line ("" = the settlement holder's name)
   */
  void pay(Ledger to, long amount, String settlementText, String userText, LocalDateTime at, String tuno) {
    if (to.settlement) {
      throw NhError.field("the account is the institution's own settlement account");
    }
    if (amount > settlement.balance()) {
      throw NhError.of(Rpcd.INSUFFICIENT_BALANCE, "the institution's settlement account cannot cover Tram");
    }
    move(settlement, to, amount, or(settlementText, to.holderName()), or(userText, settlement.holderName()), at, tuno);
    to.countReceived();
  }

  /** Both lines carry the request's IsTuno as Tuno, so either side can find the transfer later. */
  private void move(Ledger from, Ledger to, long amount, String fromText, String toText, LocalDateTime at, String tuno) {
    from.write(new HistoryLine(nextSeq++, at, false, amount, from.balance() - amount, fromText, tuno));
    to.write(new HistoryLine(nextSeq++, at, true, amount, to.balance() + amount, toText, tuno));
    movements.add(new Movement(tuno, from.account, to.account, amount));
  }

  private static String or(String text, String fallback) {
    return text.isEmpty() ? fallback : text;
  }

  private static String key(String bankCode, String accountNumber) {
    return bankCode + '/' + accountNumber;
  }

  // NhBankView: safe from any thread.

  @Override
  public long balance(String bankCode, String accountNumber) {
    return known(bankCode, accountNumber).balance();
  }

  @Override
  public long balanceOfFinAccount(String finAcno) {
    return issued(finAcno).ledger().balance();
  }

  @Override
  public int drawingCount(String finAcno) {
    return issued(finAcno).ledger().drawingCount();
  }

  @Override
  public int receivedCount(String bankCode, String accountNumber) {
    return known(bankCode, accountNumber).receivedCount();
  }

  @Override
  public List<Account> accounts() {
    return accounts;
  }

  @Override
  public List<Movement> movements() {
    return List.copyOf(movements);
  }

  private Ledger known(String bankCode, String accountNumber) {
    return ledger(bankCode, accountNumber).orElseThrow(() -> new IllegalArgumentException(
        "No seeded account " + accountNumber + " at bank " + bankCode));
  }

  private FinAccount issued(String finAcno) {
    return finAccounts.find(finAcno).orElseThrow(() -> new IllegalArgumentException(
        "No FinAccount issued with FinAcno " + finAcno));
  }
}
