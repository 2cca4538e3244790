package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * FinAccount issuance in NH's two steps: {@code OpenFinAccountDirect} registers a request and
 * answers its {@code Rgno}; {@code CheckOpenFinAccountDirect} turns the Rgno into the FinAcno.
 *
 * <p>Sandbox choice: an account's FinAcno is a fixed function of the institution and the account
 * ({@code 00820100} + Iscd + 15 digits of a SHA-256), so issuing it again, even after a restart,
 * gives the same number, and the number does not reveal the account number it stands for. It is
 * usable only once issued in this run. Rgnos live in memory and do not expire.
 *
 * <p>Registrations are touched only on the sandbox's context; issued FinAccounts sit in a
 * concurrent map because {@link NhBankView} looks them up from test threads.
 */
final class FinAccounts {

  private final String prefix;
  private final Map<Ledger, String> numbers = new IdentityHashMap<>();
  private final ConcurrentMap<String, FinAccount> issued = new ConcurrentHashMap<>();
  private final Map<String, Ledger> registrations = new HashMap<>();
  private long nextRgno = 1;

  FinAccounts(String iscd, Collection<Ledger> ledgers) {
    this.prefix = "00820100" + iscd;
    Map<String, Ledger> taken = new HashMap<>();
    for (Ledger ledger : ledgers) {
      String number = prefix + digits15(iscd + '/' + ledger.bankCode() + '/' + ledger.accountNumber());
      Ledger other = taken.putIfAbsent(number, ledger);
      if (other != null) {
        throw new IllegalArgumentException("accounts " + other.accountNumber() + " and " + ledger.accountNumber()
            + " would share a FinAcno; change one of them");
      }
      numbers.put(ledger, number);
    }
  }

  /** Registers an issuance request for the account and answers its Rgno: the day and a counter, 20 digits. */
  String register(Ledger ledger, LocalDate today) {
    String rgno = KoreanWire.DATE.format(today) + String.format("%012d", nextRgno++);
    registrations.put(rgno, ledger);
    return rgno;
  }

  Optional<Ledger> registration(String rgno) {
    return Optional.ofNullable(registrations.get(rgno));
  }

  /** The account's FinAccount, issued now if it was not yet; issuing again answers the first one. */
  FinAccount issue(Ledger ledger, LocalDate today) {
    return issued.computeIfAbsent(numbers.get(ledger), number -> new FinAccount(number, ledger, today));
  }

  /** An issued FinAccount; a well-formed number the sandbox never issued is as unknown as a made-up one. */
  Optional<FinAccount> find(String finAcno) {
    return Optional.ofNullable(finAcno == null ? null : issued.get(finAcno));
  }

  private static String digits15(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return String.format("%015d", new BigInteger(1, hash).mod(BigInteger.TEN.pow(15)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
