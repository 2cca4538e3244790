package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code bank_tran_id} rules: the institution's {@code client_use_code} (10) + {@code U} + 9
 * upper-case letters or digits, and never twice on one Asia/Seoul calendar day. An id is used up
 * as soon as a call carrying it passes the format checks, whatever the bank then answers, so a
 * retry must always bring a new id, as on KFTC. Touched only on the sandbox's context.
 */
final class BankTranIds {

  /** Days kept for the duplicate check; a test clock that jumps back further simply forgets. */
  private static final int DAYS_KEPT = 7;

  private final Pattern format;
  private final String clientUseCode;
  private final Clock clock;
  private final Map<LocalDate, Set<String>> usedOn = new HashMap<>();

  BankTranIds(String clientUseCode, Clock clock) {
    this.clientUseCode = clientUseCode;
    this.format = Pattern.compile(Pattern.quote(clientUseCode) + "U[A-Z0-9]{9}");
    this.clock = clock;
  }

  /** Throws A0004 unless {@code bankTranId} is well-formed for this institution. */
  String checkFormat(String bankTranId) {
    if (bankTranId == null || bankTranId.isEmpty()) {
      throw KftcError.format("bank_tran_id is required");
    }
    if (bankTranId.length() != 20) {
      throw KftcError.format("bank_tran_id must be 20 characters, got " + bankTranId.length());
    }
    if (!bankTranId.startsWith(clientUseCode)) {
      throw KftcError.format("bank_tran_id must start with the institution code " + clientUseCode);
    }
    if (!format.matcher(bankTranId).matches()) {
      throw KftcError.format("bank_tran_id must be " + clientUseCode + " + 'U' + 9 upper-case letters or digits");
    }
    return bankTranId;
  }

  /** Records the id for today (Asia/Seoul) or throws A0004 if today has already seen it. */
  void use(String bankTranId) {
    LocalDate today = KoreanWire.today(clock);
    usedOn.keySet().removeIf(day -> day.isBefore(today.minusDays(DAYS_KEPT)));
    if (!usedOn.computeIfAbsent(today, day -> new HashSet<>()).add(bankTranId)) {
      throw KftcError.format("duplicate bank_tran_id: " + bankTranId + " was already used on " + KoreanWire.DATE.format(today));
    }
  }
}
