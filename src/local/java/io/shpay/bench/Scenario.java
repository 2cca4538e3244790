package io.shpay.bench;

import java.util.List;

/**
 * One benchmark scenario: sets up what it needs through the API or the servers, then runs its phases with the
 * context's {@link LoadGenerator}. Runs on the bench's main thread and may block there (never on an event loop).
 *
 * <p>To add a scenario: write a class
 * implementing this interface, give it an id, and add it to {@link BenchMain#SCENARIOS} and
 * {@link BenchMain#scenario}; its phases then appear in the report, and a target for it goes in {@link Targets}.
 */
public interface Scenario {

  /** Short and stable, used in {@code bench.scenarios} and the JSON report: {@code checkout-pay}. */
  String id();

  /** What it measures, for the report's headings. */
  String title();

  /** Sets up, runs every phase and returns their results (an extra latency or count may ride in each's extra). */
  List<PhaseResult> run(BenchContext context) throws Exception;
}
