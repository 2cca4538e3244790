package io.shpay.sandbox.kftc;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory bank: people, their accounts and every transfer that reached it. Mutated only on
 * the sandbox verticle's context (no locks); the {@link KftcBankView} methods read immutable
 * structure and volatile fields, so tests may call them from any thread.
 */
final class Bank implements KftcBankView {

  private final Institution institution;
  private final List<Person> people;
  private final Map<String, Person> peopleById = new LinkedHashMap<>();
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, TransferRecord> transfers = new HashMap<>();
  // Appended on every transfer and read only as a snapshot: a copy-on-write list copied the whole history on each
  // transfer, which the benchmark's 160,000 transfers turned into 1.5 ms of the sandbox's CPU apiece.
  private final java.util.Queue<Movement> movements = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile long institutionBalance = INSTITUTION_OPENING_BALANCE;
  private long nextSeq;
  private final Map<String, List<Account>> opened = new java.util.concurrent.ConcurrentHashMap<>();
  private long nextFintechNum = 1;

  Bank(Institution institution, List<Person> people, long firstFreeSeq) {
    this.institution = institution;
    this.people = List.copyOf(people);
    for (Person person : this.people) {
      peopleById.put(person.userSeqNo(), person);
      person.accounts().forEach(account -> accounts.put(account.fintechUseNum, account));
    }
    this.nextSeq = firstFreeSeq;
  }

  Institution institution() {
    return institution;
  }

  List<Person> people() {
    return people;
  }

  /** The person's accounts: those seeded, then those opened since ({@link #open}), closed and cancelled ones too. */
  List<Account> accountsOf(Person person) {
    List<Account> all = new java.util.ArrayList<>(person.accounts());
    all.addAll(opened.getOrDefault(person.userSeqNo(), List.of()));
    return all;
  }

  /** The accounts of the person that account/list shows this institution: registered and not closed. */
  List<Account> registeredAccountsOf(Person person) {
    return accountsOf(person).stream().filter(account -> !account.closed && !account.cancelled).toList();
  }

  /** A new account of the person, registered with this institution as if agreed to at once (a sandbox hook). */
  Account open(Person person, String bankCodeStd, String bankName, String accountNum, String alias, String holderName,
      long balance, String today) {
    String fintechUseNum = String.format("%s%03d%017d", "1202", Integer.parseInt(bankCodeStd), nextFintechNum++);
    String digits = accountNum.replace("-", "");
    Account account = new Account(fintechUseNum, person.userSeqNo(), bankCodeStd, bankCodeStd + "0001", bankName,
        accountNum, accountNum.substring(0, Math.max(0, accountNum.length() - 3)) + "***",
        String.valueOf(accountsOf(person).size() + 1), alias, holderName, "1", "입출금통장", today,
        5_000_000L, balance);
    accounts.put(fintechUseNum, account);
    opened.computeIfAbsent(person.userSeqNo(), seq -> new java.util.ArrayList<>()).add(account);
    return account;
  }

  /** A new consent registers every open account of the person again. */
  void registerAll(String userSeqNo) {
    person(userSeqNo).ifPresent(person -> accountsOf(person).forEach(account -> account.cancelled = false));
  }

  /** user/close: none of the person's accounts is registered with this institution any more. */
  void cancelAll(String userSeqNo) {
    person(userSeqNo).ifPresent(person -> accountsOf(person).forEach(account -> account.cancelled = true));
  }

  Optional<Person> person(String userSeqNo) {
    return Optional.ofNullable(peopleById.get(userSeqNo));
  }

  /**
   * The account if it exists and belongs to {@code userSeqNo} (null = any owner, for oob calls).
   * Unknown and foreign accounts get the same 412 so that a token cannot probe other people's
   * numbers.
   */
  Account account(String fintechUseNum, String userSeqNo) {
    Account account = accounts.get(fintechUseNum);
    if (account == null || (userSeqNo != null && !account.userSeqNo.equals(userSeqNo)) || account.cancelled) {
      throw KftcError.bank(RspCodes.BANK_NO_SUCH_ACCOUNT, "", "fintech_use_num is not registered for this user");
    }
    if (account.closed) {
      throw KftcError.bank(RspCodes.BANK_CLOSED, account.bankCodeStd, "the account is closed");
    }
    return account;
  }

  /** Any account by number, without an ownership check (fault injection guesses the bank with it). */
  Optional<Account> find(String fintechUseNum) {
    return Optional.ofNullable(fintechUseNum == null ? null : accounts.get(fintechUseNum));
  }

  /** By real account number (digits only, dashes ignored), for {@code inquiry/real_name}. */
  Optional<Account> accountByNumber(String bankCodeStd, String accountNum) {
    String digits = accountNum.replace("-", "");
    return accounts.values().stream()
        .filter(a -> a.bankCodeStd.equals(bankCodeStd) && a.accountNum.replace("-", "").equals(digits))
        .findFirst();
  }

  /** Takes {@code amount} out, or throws the bank's refusal (551 balance, 552 daily limit) with nothing moved. */
  Transaction withdraw(Account account, long amount, String printContent, LocalDateTime at) {
    if (amount > account.balance()) {
      throw KftcError.bank(RspCodes.BANK_INSUFFICIENT_BALANCE, account.bankCodeStd, "tran_amt exceeds the balance");
    }
    if (amount > account.withdrawLimitRemaining(at.toLocalDate())) {
      throw KftcError.bank(RspCodes.BANK_DAILY_LIMIT, account.bankCodeStd, "tran_amt exceeds the daily withdrawal limit");
    }
    Transaction line = new Transaction(nextSeq++, at, false, "대체", printContent, amount,
        account.balance() - amount, "오픈뱅킹");
    account.withdraw(line, at.toLocalDate());
    institutionBalance += amount;
    return line;
  }

  Transaction deposit(Account account, long amount, String printContent, LocalDateTime at) {
    Transaction line = new Transaction(nextSeq++, at, true, "대체", printContent, amount,
        account.balance() + amount, "오픈뱅킹");
    account.deposit(line);
    institutionBalance -= amount;
    return line;
  }

  void record(TransferRecord transfer) {
    transfers.put(key(transfer.bankTranDate(), transfer.bankTranId()), transfer);
    if (RspCodes.BANK_OK.equals(transfer.bankRspCode())) {
      movements.add(new Movement(transfer.bankTranDate(), transfer.bankTranId(),
          transfer.kind() == TransferRecord.Kind.DEPOSIT, transfer.fintechUseNum(), transfer.tranAmt()));
    }
  }

  Optional<TransferRecord> transfer(String bankTranDate, String bankTranId) {
    return Optional.ofNullable(transfers.get(key(bankTranDate, bankTranId)));
  }

  private static String key(String date, String bankTranId) {
    return date + '/' + bankTranId;
  }

  // KftcBankView: safe from any thread (immutable maps after construction, volatile account fields).

  @Override
  public long balance(String fintechUseNum) {
    return known(fintechUseNum).balance();
  }

  @Override
  public int withdrawCount(String fintechUseNum) {
    return known(fintechUseNum).withdrawCount();
  }

  @Override
  public int depositCount(String fintechUseNum) {
    return known(fintechUseNum).depositCount();
  }

  @Override
  public List<String> personIds() {
    return people.stream().map(Person::userSeqNo).toList();
  }

  @Override
  public List<String> fintechUseNums(String userSeqNo) {
    Person person = peopleById.get(userSeqNo);
    if (person == null) {
      throw new IllegalArgumentException("No seeded person with user_seq_no " + userSeqNo);
    }
    return person.accounts().stream().map(a -> a.fintechUseNum).toList();
  }

  @Override
  public long institutionBalance() {
    return institutionBalance;
  }

  @Override
  public List<Movement> movements() {
    return List.copyOf(movements);
  }

  private Account known(String fintechUseNum) {
    Account account = accounts.get(fintechUseNum);
    if (account == null) {
      throw new IllegalArgumentException("No seeded account with fintech_use_num " + fintechUseNum);
    }
    return account;
  }
}
