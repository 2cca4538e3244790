package io.shpay.common.config;

import java.time.Duration;

/**
 * How long a caller on the event bus waits for open banking and payments, derived from the
 * configured bank timeouts. A bus reply that times out while the bank call chain behind it is
 * still running tells the caller nothing about the money, so every wait here is longer than the
 * slowest chain of bank calls the request can make. The numbers count calls in the code:
 *
 * <ul>
 *   <li>a KFTC transfer: the oob token (1), the user's token renewed before and after a refusal
 *       plus the transfer sent twice around that refusal (4), then, when no answer came,
 *       transfer/result with its own token retry (3): 8 calls;</li>
 *   <li>an NH payment or refund: DrawingTransfer or ReceivedTransferFinAccount (1); issuing a
 *       FinAccount: OpenFinAccountDirect and CheckOpenFinAccountDirect (2).</li>
 * </ul>
 *
 * Each call may spend its timeout connecting and again waiting for the answer, and the MySQL and
 * Redis work around the calls gets {@link #LOCAL_WORK}.
 */
public final class BusTimeouts {

  static final int KFTC_CALLS_PER_TRANSFER = 8;
  static final int NH_CALLS_PER_REQUEST = 2;
  /** Connect timeout plus answer timeout: both are set to the bank's timeout. */
  private static final int PHASES_PER_CALL = 2;
  static final Duration LOCAL_WORK = Duration.ofSeconds(5);
  /** What the event bus waits by default; never wait less than this. */
  private static final Duration BUS_DEFAULT = Duration.ofSeconds(30);

  private BusTimeouts() {}

  /** A caller of open banking (payments, the API): the worst transfer chain, plus local work. */
  public static Duration openBanking(ShpayConfig config) {
    Duration chain = config.openBanking()
        .map(kftc -> kftc.timeout().multipliedBy((long) KFTC_CALLS_PER_TRANSFER * PHASES_PER_CALL))
        .orElse(Duration.ZERO);
    return atLeastDefault(chain.plus(LOCAL_WORK));
  }

  /** A caller of payments (the API): a KFTC payment waits on open banking, an NH one on NH. */
  public static Duration payments(ShpayConfig config) {
    Duration nh = config.payments()
        .map(payments -> payments.nhTimeout().multipliedBy((long) NH_CALLS_PER_REQUEST * PHASES_PER_CALL))
        .orElse(Duration.ZERO);
    Duration kftc = openBanking(config);
    return atLeastDefault((nh.compareTo(kftc) > 0 ? nh : kftc).plus(LOCAL_WORK));
  }

  private static Duration atLeastDefault(Duration wait) {
    return wait.compareTo(BUS_DEFAULT) < 0 ? BUS_DEFAULT : wait;
  }
}
