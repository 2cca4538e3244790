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

    find(results, EventLatencyScenario.ID, "fixed rate").ifPresentOrElse(b -> {
      double p99 = b.extra().getJsonObject("answerToSse", new JsonObject()).getDouble("p99Ms", Double.NaN);
      double history = b.extra().getJsonObject("answerToHistory", new JsonObject()).getDouble("p99Ms", Double.NaN);
      boolean asked = options.eventDuration().toSeconds() >= 30 && options.eventRate() >= 500;
      targets.add(target("(b) SSE p99 < 250 ms and history row p99 < 500 ms at 500 payments/s",
          String.format("SSE p99 %.1f ms, history row p99 %.1f ms (sampled); %.0f/s of %d/s offered for %ds, "
                  + "%d errors, %d missed", p99, history, b.throughput(), options.eventRate(),
              options.eventDuration().toSeconds(), b.errors(), b.missed()), asked,
          b.errors() == 0 && b.missed() == 0 && p99 < 250 && history < 500
              && b.throughput() >= options.eventRate() * 0.99));
    }, () -> targets.add(target("(b) SSE p99 < 250 ms and history row p99 < 500 ms at 500 payments/s", "not run",
        false, false)));

    find(results, BalanceScenario.ID, "fixed rate").ifPresentOrElse(c -> {
      double p99 = c.latency().getDouble("p99Ms", Double.NaN);
      boolean asked = fullRun && options.balanceRate() >= 2000;
      boolean met = c.errors() == 0 && c.missed() == 0 && p99 < 5 && c.throughput() >= options.balanceRate() * 0.99;
      targets.add(target("(c) cached balance p99 < 5 ms at 2,000 reads/s",
          String.format("p99 %.2f ms at %.0f/s (%d/s offered), %d errors, %d missed", p99, c.throughput(),
              options.balanceRate(), c.errors(), c.missed()), asked, met));
    }, () -> targets.add(target("(c) cached balance p99 < 5 ms at 2,000 reads/s", "not run", false, false)));

    Optional<PhaseResult> shpay = find(results, CheckoutPayScenario.ID, "fixed rate");
    Optional<PhaseResult> floor = find(results, FloorScenario.ID, "fixed rate");
    Optional<PhaseResult> sat = find(results, CheckoutPayScenario.ID, "saturation");
    Optional<PhaseResult> floorSat = find(results, FloorScenario.ID, "saturation");
    String cpuTarget = "(a) SH Pay's CPU per paid checkout within 1.5× of the true floor's";
    if (shpay.isPresent() && floor.isPresent()) {
      double ours = totalCpu(shpay.get());
      double theirs = totalCpu(floor.get());
      double ratio = ours / theirs;
      String throughput = sat.isPresent() && floorSat.isPresent()
          ? String.format("; at saturation %.0f/s vs %.0f/s = %.0f %% of the floor's throughput",
              sat.get().throughput(), floorSat.get().throughput(),
              TranIdScenario.ratio(sat.get().throughput(), floorSat.get().throughput()) * 100) : "";
      targets.add(target(cpuTarget, String.format("%.0f µs vs %.0f µs of CPU per paid checkout (all processes, net of idle) = %.2f×%s",
          ours, theirs, ratio, throughput), fullRun && !Double.isNaN(ratio), ratio <= 1.5));
    } else {
      targets.add(target(cpuTarget, "needs scenarios checkout-pay and floor", false, false));
    }

    targets.add(serviceAlive.map(alive -> target("service within a 512 MiB heap",
            "child JVM -Xmx" + options.serviceHeap() + " -XX:+ExitOnOutOfMemoryError, " + (alive ? "still running at the end"
                : "died during the run"), options.serviceHeap().equalsIgnoreCase("512m"), alive))
        .orElse(target("service within a 512 MiB heap", "not measured: the bench targeted a running stack", false,
            false)));
    return targets;
  }

  /**
   * All processes' CPU µs per completed operation of the phase net of their idle draw (SH Pay's timers run during the
   * floor's phases and the idle floor server during SH Pay's), NaN when not measured.
   */
  static double totalCpu(PhaseResult result) {
    JsonObject cpu = result.extra().getJsonObject("cpu");
    if (cpu == null) {
      return Double.NaN;
    }
    Object value = cpu.getJsonObject("processes").getJsonObject("total").getValue("netUsPerOp");
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static Optional<PhaseResult> find(List<PhaseResult> results, String scenario, String phase) {
    return results.stream().filter(r -> r.scenario().equals(scenario) && r.phase().name().equals(phase)).findFirst();
  }

  private static JsonObject target(String target, String measured, boolean asked, boolean met) {
    return new JsonObject().put("target", target).put("measured", measured)
        .put("verdict", !asked ? "n/a" : met ? "met" : "missed");
  }
}
