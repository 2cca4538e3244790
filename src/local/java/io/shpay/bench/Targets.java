package io.shpay.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * The targets read against a run. A target is {@code met}, {@code missed}, or {@code n/a} when the run did
 * not measure it as the issue asks (a shorter or slower run, a scenario left out), so a smoke run never claims one.
 */
final class Targets {

  private Targets() {
  }

  static JsonArray evaluate(BenchOptions options, List<PhaseResult> results, Optional<Boolean> serviceAlive) {
    JsonArray targets = new JsonArray();
    boolean fullRun = options.duration().toSeconds() >= 60;

    find(results, CheckoutPayScenario.ID, "fixed rate").ifPresentOrElse(a -> {
      JsonObject pay = a.extra().getJsonObject("payCall", new JsonObject());
      double p99 = pay.getDouble("p99Ms", Double.NaN);
      boolean asked = fullRun && options.payRate() >= 1000;
      boolean met = a.errors() == 0 && a.missed() == 0 && p99 < 100 && a.throughput() >= options.payRate() * 0.99;
      targets.add(target("(a) ≥ 1,000 paid checkouts/s for 60 s, pay p99 < 100 ms, no errors",
          String.format("%.0f/s of %d/s offered for %ds, pay p99 %.1f ms, %d errors, %d missed", a.throughput(),
              options.payRate(), options.duration().toSeconds(), p99, a.errors(), a.missed()), asked, met));
    }, () -> targets.add(target("(a) ≥ 1,000 paid checkouts/s for 60 s, pay p99 < 100 ms, no errors", "not run",
        false, false)));

    // The issue gives (b) no rate or length; 30 s at the default 50/s is a few thousand events, enough for a p99.
    find(results, EventLatencyScenario.ID, "fixed rate").ifPresentOrElse(b -> {
      double p99 = b.extra().getJsonObject("answerToSse", new JsonObject()).getDouble("p99Ms", Double.NaN);
      double history = b.extra().getJsonObject("answerToHistory", new JsonObject()).getDouble("p99Ms", Double.NaN);
      targets.add(target("(b) event to SSE p99 < 250 ms", String.format("pay answer → SSE p99 %.1f ms (history row "
              + "p99 %.1f ms, sampled) at %d/s for %ds, %d errors, %d missed", p99, history, options.eventRate(),
          options.duration().toSeconds(), b.errors(), b.missed()), options.duration().toSeconds() >= 30,
          b.errors() == 0 && b.missed() == 0 && p99 < 250));
    }, () -> targets.add(target("(b) event to SSE p99 < 250 ms", "not run", false, false)));

    find(results, BalanceScenario.ID, "fixed rate").ifPresentOrElse(c -> {
      double p99 = c.latency().getDouble("p99Ms", Double.NaN);
      boolean asked = fullRun && options.balanceRate() >= 2000;
      boolean met = c.errors() == 0 && c.missed() == 0 && p99 < 5 && c.throughput() >= options.balanceRate() * 0.99;
      targets.add(target("(c) cached balance p99 < 5 ms at 2,000 reads/s",
          String.format("p99 %.2f ms at %.0f/s (%d/s offered), %d errors, %d missed", p99, c.throughput(),
              options.balanceRate(), c.errors(), c.missed()), asked, met));
    }, () -> targets.add(target("(c) cached balance p99 < 5 ms at 2,000 reads/s", "not run", false, false)));

    Optional<PhaseResult> sat = find(results, CheckoutPayScenario.ID, "saturation");
    Optional<PhaseResult> floor = find(results, FloorScenario.ID, "saturation");
    if (sat.isPresent() && floor.isPresent()) {
      double ratio = TranIdScenario.ratio(sat.get().throughput(), floor.get().throughput());
      targets.add(target("(e) SH Pay ≥ 50 % of the I/O floor", String.format("%.0f/s vs %.0f/s = %.0f %%",
          sat.get().throughput(), floor.get().throughput(), ratio * 100), options.saturation().toSeconds() >= 20,
          ratio >= 0.5));
    } else {
      targets.add(target("(e) SH Pay ≥ 50 % of the I/O floor", "needs scenarios checkout-pay and floor", false, false));
    }

    targets.add(serviceAlive.map(alive -> target("service within a 512 MiB heap",
            "child JVM -Xmx" + options.serviceHeap() + " -XX:+ExitOnOutOfMemoryError, " + (alive ? "still running at the end"
                : "died during the run"), options.serviceHeap().equalsIgnoreCase("512m"), alive))
        .orElse(target("service within a 512 MiB heap", "not measured: the bench targeted a running stack", false,
            false)));
    return targets;
  }

  private static Optional<PhaseResult> find(List<PhaseResult> results, String scenario, String phase) {
    return results.stream().filter(r -> r.scenario().equals(scenario) && r.phase().name().equals(phase)).findFirst();
  }

  private static JsonObject target(String target, String measured, boolean asked, boolean met) {
    return new JsonObject().put("target", target).put("measured", measured)
        .put("verdict", !asked ? "n/a" : met ? "met" : "missed");
  }
}
