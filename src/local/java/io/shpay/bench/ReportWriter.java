package io.shpay.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a run as {@code report.json} (everything) and {@code report.md} (the same, for people). */
final class ReportWriter {

  /** Latencies a phase's extra may carry, shown under its row: key, label, what they are measured from. */
  private static final String[][] SUB_LATENCIES = {
      {"checkoutCall", "checkout call alone", "from its own send"},
      {"payCall", "pay call alone", "from its own send"},
      {"answerToSse", "pay sent → SSE event", "every payment, from the pay request's send"},
      {"answerToHistory", "pay answer → history row", "sampled, polled every 20–200 ms"}};

  private ReportWriter() {
  }

  static String markdown(JsonObject report) {
    StringBuilder md = new StringBuilder();
    JsonObject machine = report.getJsonObject("machine");
    JsonObject options = report.getJsonObject("options");
    md.append("# SH Pay benchmark report\n\n");
    md.append("Run ").append(report.getString("startedAt")).append(", ").append(report.getDouble("totalSeconds"))
        .append(" s in all.\n\n");
    md.append("Command: `").append(report.getString("command")).append("`\n\n");
    md.append("## Machine\n\n| | |\n| --- | --- |\n");
    md.append("| cores | ").append(machine.getInteger("cores")).append(" (").append(machine.getString("cpu")).append(") |\n");
    md.append("| memory | ").append(machine.getString("totalMemory")).append(" |\n");
    md.append("| JDK | ").append(machine.getString("jdk")).append(" |\n");
    md.append("| OS | ").append(machine.getString("os")).append(" |\n");
    md.append("| load average before (1, 5, 15 min) | ").append(machine.getString("loadAverage")).append(" |\n");
    md.append("| load average after | ").append(report.getString("loadAverageAfter")).append(" |\n");
    JsonObject service = report.getJsonObject("service");
    md.append("| service | ").append(service.getString("how")).append(" |\n");
    md.append("| service peak RSS | ").append(service.getString("peakRss", "unknown")).append(" |\n\n");
    md.append("Everything (SH Pay, its MariaDB, Redis, Kafka broker, the bank sandboxes and the load generator) runs on ")
        .append("this one machine, so they compete for its cores.\n\n");
    md.append("## Configuration\n\n```json\n").append(options.encodePrettily()).append("\n```\n\n");

    cpuTable(md, report);
    md.append("## Targets\n\n| target | measured | verdict |\n| --- | --- | --- |\n");
    for (Object t : report.getJsonArray("targets")) {
      JsonObject target = (JsonObject) t;
      md.append("| ").append(target.getString("target")).append(" | ").append(target.getString("measured"))
          .append(" | ").append(target.getString("verdict")).append(" |\n");
    }
    md.append("\n## Scenarios\n\n");
    md.append("Latency in ms. Open loop: from each operation's intended start (queueing included); closed loop: from")
        .append(" its actual start.\n\n");
    md.append("| scenario | phase | mode | s | ok | errors | missed | ops/s | p50 | p95 | p99 | max |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Object s : report.getJsonArray("scenarios")) {
      JsonObject scenario = (JsonObject) s;
      for (Object p : scenario.getJsonArray("phases")) {
        JsonObject phase = (JsonObject) p;
        row(md, scenario.getString("id"), phase.getString("phase"), phase.getString("mode"), phase);
        JsonObject extra = phase.getJsonObject("extra");
        for (String[] call : SUB_LATENCIES) {
          if (extra.containsKey(call[0])) {
            JsonObject l = extra.getJsonObject(call[0]);
            md.append("| | ↳ ").append(call[1]).append(" | ").append(call[2]).append(" | | | | | | ")
                .append(l.getDouble("p50Ms")).append(" | ")
                .append(l.getDouble("p95Ms")).append(" | ").append(l.getDouble("p99Ms")).append(" | ")
                .append(l.getDouble("maxMs")).append(" |\n");
          }
        }
      }
      if (scenario.containsKey("failure")) {
        md.append("| ").append(scenario.getString("id")).append(" | **failed** | ")
            .append(scenario.getString("failure").replace("|", "/")).append(" | | | | | | | | | |\n");
      }
    }
    md.append("\n### Details\n\n");
    for (Object s : report.getJsonArray("scenarios")) {
      JsonObject scenario = (JsonObject) s;
      md.append("**").append(scenario.getString("title")).append("**");
      md.append(" (load average after it: ").append(scenario.getString("loadAverageAfter", "?")).append(")\n\n");
      for (Object p : scenario.getJsonArray("phases")) {
        JsonObject phase = (JsonObject) p;
        JsonObject extra = phase.getJsonObject("extra");
        JsonObject kinds = phase.getJsonObject("errorKinds");
        if (!extra.isEmpty() || !kinds.isEmpty()) {
          md.append("- ").append(phase.getString("phase")).append(": ");
          if (extra.containsKey("kafka")) {
            JsonObject k = extra.getJsonObject("kafka");
            JsonObject lag = k.getJsonObject("answerToKafka");
            md.append(String.format("%d of %d approved payments seen on Kafka (%d missing after 30 s); pay answer → "
                    + "event consumed p50 %.1f ms, p99 %.1f ms, max %.1f ms. ", k.getLong("published"),
                k.getLong("expected"), k.getLong("missing"), lag.getDouble("p50Ms"), lag.getDouble("p99Ms"),
                lag.getDouble("maxMs")));
          }
          for (String key : new String[] {"mysql", "warmUp", "replicaGain", "vsMysqlOnly", "vsRedisOnly", "accounts", "events",
              "history", "quiet"}) {
            if (extra.containsKey(key)) {
              md.append(key).append(" ").append(extra.getValue(key)).append(". ");
            }
          }
          if (!kinds.isEmpty()) {
            md.append("Errors: ").append(kinds.encode());
          }
          md.append("\n");
        }
      }
      md.append("\n");
    }
    return md.toString();
  }

  /** The whole run's CPU per completed operation, per process: the figure that decides what two cores carry. */
  private static void cpuTable(StringBuilder md, JsonObject report) {
    java.util.List<String> processes = new java.util.ArrayList<>();
    for (Object s : report.getJsonArray("scenarios")) {
      for (Object p : ((JsonObject) s).getJsonArray("phases")) {
        JsonObject cpu = ((JsonObject) p).getJsonObject("extra").getJsonObject("cpu");
        if (cpu != null) {
          cpu.getJsonObject("processes").fieldNames().stream().filter(n -> !processes.contains(n)).forEach(processes::add);
        }
      }
    }
    if (processes.isEmpty()) {
      return;
    }
    processes.remove("total");
    processes.add("total");
    md.append("## CPU per operation (the headline)\n\n");
    md.append("µs of CPU (utime + stime from /proc) per completed operation, each process on its own, from the phase's ")
        .append("start until the stack was quiet again (outbox empty, every consumer group at lag 0), so the work a ")
        .append("payment leaves behind (relay, consumers) is counted with it. Each cell: raw µs/op / net of the process's ")
        .append("idle draw (measured with no load before the scenarios) / (cores used on average); in a JVM's cell, ")
        .append("\"JIT\" is the part its C1/C2 compiler threads spent (each warm-up runs until they are quiet).\n\n");
    md.append("| scenario | phase | ops | ");
    processes.forEach(name -> md.append(name).append(" | "));
    md.append("\n| --- | --- | --- | ");
    processes.forEach(name -> md.append("--- | "));
    md.append("\n");
    for (Object s : report.getJsonArray("scenarios")) {
      JsonObject scenario = (JsonObject) s;
      for (Object p : scenario.getJsonArray("phases")) {
        JsonObject phase = (JsonObject) p;
        JsonObject cpu = phase.getJsonObject("extra").getJsonObject("cpu");
        if (cpu == null) {
          continue;
        }
        md.append("| ").append(scenario.getString("id")).append(" | ").append(phase.getString("phase")).append(" | ")
            .append(cpu.getLong("operations")).append(" | ");
        for (String name : processes) {
          JsonObject figures = cpu.getJsonObject("processes").getJsonObject(name);
          md.append(figures == null ? "" : figures.getValue("usPerOp") + " / " + figures.getValue("netUsPerOp") + " ("
              + figures.getDouble("cores") + ")" + (figures.containsKey("jitUsPerOp")
                  ? ", JIT " + figures.getValue("jitUsPerOp") : ""))
              .append(" | ");
        }
        md.append("\n");
      }
    }
    md.append("\n");
  }

  /** The phase's total CPU per operation in µs, or "?". */
  static String totalCpuPerOp(JsonObject phase) {
    JsonObject cpu = phase.getJsonObject("extra").getJsonObject("cpu");
    if (cpu == null) {
      return "?";
    }
    return String.valueOf(cpu.getJsonObject("processes").getJsonObject("total").getValue("usPerOp"));
  }

  private static void row(StringBuilder md, String scenario, String phase, String mode, JsonObject p) {
    JsonObject l = p.getJsonObject("latency");
    md.append("| ").append(scenario).append(" | ").append(phase).append(" | ").append(mode).append(" | ")
        .append(p.getDouble("elapsedSeconds")).append(" | ").append(p.getLong("ok")).append(" | ")
        .append(p.getLong("errors")).append(" | ").append(p.getLong("missed")).append(" | ")
        .append(p.getDouble("throughputPerSecond")).append(" | ").append(l.getDouble("p50Ms")).append(" | ")
        .append(l.getDouble("p95Ms")).append(" | ").append(l.getDouble("p99Ms")).append(" | ")
        .append(l.getDouble("maxMs")).append(" |\n");
  }

  static void write(Path dir, JsonObject report) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), report.encodePrettily() + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), markdown(report), StandardCharsets.UTF_8);
  }

  static JsonArray phases(java.util.List<PhaseResult> results) {
    JsonArray phases = new JsonArray();
    results.forEach(r -> phases.add(r.toJson()));
    return phases;
  }
}
