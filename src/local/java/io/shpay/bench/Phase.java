package io.shpay.bench;

import java.time.Duration;

/**
 * One measured stretch of load.
 *
 * @param name        shown in the report
 * @param rate        operations started per second (open loop), or 0 for a closed loop
 * @param concurrency open loop: operations in flight at most; closed loop: the number of workers
 * @param duration    how long operations are started
 */
public record Phase(String name, int rate, int concurrency, Duration duration) {

  public static Phase openLoop(String name, int rate, int maxInFlight, Duration duration) {
    return new Phase(name, rate, maxInFlight, duration);
  }

  public static Phase closedLoop(String name, int workers, Duration duration) {
    return new Phase(name, 0, workers, duration);
  }

  public boolean open() {
    return rate > 0;
  }

  public String mode() {
    return open() ? "open loop, " + rate + "/s, ≤" + concurrency + " in flight" : "closed loop, " + concurrency + " workers";
  }
}
