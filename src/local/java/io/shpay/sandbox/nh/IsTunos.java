package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code IsTuno} rule: never twice for one {@code ApiSvcCd} on one {@code Tsymd}. The day is
 * the request's own {@code Tsymd} (NH keys uniqueness on what the institution sent), and an
 * IsTuno is used up as soon as the header checks pass, whatever the call then answers, so a blind
 * retry of a transfer whose answer was lost is refused instead of paying twice. Touched only on
 * the sandbox's context.
 */
final class IsTunos {

  /**
   * Days kept: the header checks accept a Tsymd at most 24 hours from now, so nothing older than
   * yesterday can come back; one more day of margin, and a test clock that jumps back further
   * simply forgets.
   */
  private static final int DAYS_KEPT = 2;

  private final Clock clock;
  private final Map<LocalDate, Set<String>> usedOn = new HashMap<>();

  IsTunos(Clock clock) {
    this.clock = clock;
  }

  /** Records the IsTuno or throws E0003 if this service already saw it on that day. */
  void use(String apiSvcCd, LocalDate tsymd, String isTuno) {
    LocalDate today = KoreanWire.today(clock);
    usedOn.keySet().removeIf(day -> day.isBefore(today.minusDays(DAYS_KEPT)));
    if (!usedOn.computeIfAbsent(tsymd, day -> new HashSet<>()).add(apiSvcCd + '/' + isTuno)) {
      throw NhError.of(Rpcd.DUPLICATE_IS_TUNO, "IsTuno " + isTuno + " was already used for " + apiSvcCd
          + " on " + KoreanWire.DATE.format(tsymd));
    }
  }
}
