package io.shpay.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./mvnw -Pbench exec:java}: SH Pay's benchmark. Starts the local stack in a child JVM with a 512 MiB heap
 * (or drives a running one, {@code -Dbench.target=http://host:8080}), runs the scenarios one after the other with
 * warm-up, and writes {@code target/bench/report.md} and {@code report.json}: machine, configuration, and per phase
 * the throughput, p50/p95/p99/max latency and errors, then the targets read against them.
 *
 * <p>It lives with the tests for the same reason as the local stack: the embedded servers are test dependencies.
 */
public final class BenchMain {

  /** The scenarios in the order they run. */
  public static final List<String> SCENARIOS = List.of(CheckoutPayScenario.ID, EventLatencyScenario.ID,
      BalanceScenario.ID, TranIdScenario.ID, FloorScenario.ID);

  static Scenario scenario(String id) {
    return switch (id) {
      case CheckoutPayScenario.ID -> new CheckoutPayScenario();
      case EventLatencyScenario.ID -> new EventLatencyScenario();
      case BalanceScenario.ID -> new BalanceScenario();
      case TranIdScenario.ID -> new TranIdScenario();
      case FloorScenario.ID -> new FloorScenario();
      default -> throw new IllegalArgumentException("unknown scenario " + id);
    };
  }

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.from(args);
    JsonObject report = run(options, Optional.empty());
    System.out.println(ReportWriter.markdown(report));
    System.out.println("Reports: " + options.output().resolve("report.md").toAbsolutePath() + " and report.json");
    if (report.getJsonArray("scenarios").stream().anyMatch(s -> ((JsonObject) s).containsKey("failure"))) {
      throw new IllegalStateException("A scenario failed; see the report.");
    }
  }

  /**
   * Runs the benchmark and writes its reports. With {@code given} the stack is already running (the smoke test's);
   * otherwise {@code bench.target} names one, or a local stack is started in a child JVM for the run.
   */
  public static JsonObject run(BenchOptions options, Optional<Target> given) throws Exception {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    MachineInfo machine = MachineInfo.now();
    BenchProcesses child = null;
    Target target;
    String how;
    ProcessCpu cpu;
    Optional<String> floorUrl = Optional.empty();
    if (given.isPresent()) {
      target = given.get();
      how = "given by the caller (in-process)";
      cpu = ProcessCpu.thisProcessOnly("bench JVM (load generator and the given stack)");
    } else if (options.target().isPresent()) {
      target = Target.fromOptions(options);
      how = "running stack at " + target.baseUrl();
      cpu = ProcessCpu.thisProcessOnly(BenchProcesses.LOAD);
    } else {
      System.out.println("bench: starting MariaDB, Redis and Kafka, the bank sandboxes, SH Pay (-Xmx"
          + options.serviceHeap() + ") and the floor server, each in its own process …");
      child = BenchProcesses.start(options);
      target = child.target();
      floorUrl = Optional.of(child.floorUrl());
      cpu = new ProcessCpu(child.orderedPids());
      how = "own JVM, java -Xmx" + options.serviceHeap() + " io.shpay.Main, profile local, every role (pid "
          + target.servicePid().orElse(-1L) + ")" + (target.otherReplicas().isEmpty() ? ""
          : "; a second one with the API and payment roles at " + target.otherReplicas()
              + ", requests alternating between the two");
    }
    List<PhaseResult> all = new ArrayList<>();
    JsonArray scenarios = new JsonArray();
    Vertx vertx = Vertx.vertx();
    try (BenchContext context = new BenchContext(vertx, options, target, cpu, floorUrl)) {
      JsonObject idle = context.measureIdle(java.time.Duration.ofSeconds(options.duration().toSeconds() >= 60 ? 5 : 1));
      System.out.println("bench: idle draw, cores per process: " + idle.encode());
      for (String id : options.scenarios()) {
        Scenario scenario = scenario(id);
        System.out.println("bench: " + scenario.title() + " …");
        JsonObject entry = new JsonObject().put("id", id).put("title", scenario.title());
        try {
          List<PhaseResult> results = scenario.run(context);
          all.addAll(results);
          entry.put("phases", ReportWriter.phases(results));
          results.forEach(r -> System.out.printf("bench:   %-28s %8.1f ops/s  p99 %8.2f ms  errors %d  missed %d  "
                  + "CPU %s µs/op  (load %s)%n", r.phase().name(), r.throughput(), r.latency().getDouble("p99Ms"),
              r.errors(), r.missed(), ReportWriter.totalCpuPerOp(r.toJson()), MachineInfo.currentLoadAverages()));
        } catch (RuntimeException e) {
          e.printStackTrace();
          entry.put("phases", new JsonArray()).put("failure", String.valueOf(e.getMessage()));
        }
        entry.put("loadAverageAfter", MachineInfo.currentLoadAverages());
        scenarios.add(entry);
      }
      JsonObject service = new JsonObject().put("how", how);
      Optional<Boolean> alive = Optional.empty();
      if (child != null) {
        child.peakRss().ifPresent(rss -> service.put("peakRss", rss));
        alive = Optional.of(child.serviceAlive());
      }
      JsonObject processes = new JsonObject();
      cpu.pids().forEach(processes::put);
      service.put("processes", processes).put("idleCores", idle);
      JsonObject report = new JsonObject()
          .put("startedAt", startedAt.toString())
          .put("totalSeconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0)
          .put("command", command(options))
          .put("machine", machine.toJson())
          .put("loadAverageAfter", MachineInfo.currentLoadAverages())
          .put("options", options.toJson())
          .put("target", target.toJson())
          .put("service", service)
          .put("scenarios", scenarios)
          .put("targets", Targets.evaluate(options, all, alive));
      ReportWriter.write(options.output(), report);
      return report;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      if (child != null) {
        child.close();
      }
    }
  }

  private static String command(BenchOptions options) {
    StringBuilder command = new StringBuilder("./mvnw -Pbench exec:java");
    options.raw().forEach((key, value) -> command.append(" -D").append(key).append('=').append(value));
    return command.toString();
  }
}
