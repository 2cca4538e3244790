package io.shpay.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per process, read from {@code /proc/PID/stat} (utime + stime, every thread of the process, in clock ticks
 * of 10 ms): what each of the bench's processes spent on a phase, divided by the operations it completed. On a shared
 * or busy machine this is far steadier than throughput, since it counts the work done, not how long it waited for a
 * core.
 *
 * <p>Each process's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…} in
 * {@code /proc/PID/task/TID/comm}) are also read on their own: a JVM that is still compiling its hot path spends a
 * third of a core on it (measured: 0.27 cores of the service's 0.89 in the first minute of load), a one-off cost a
 * long-running server does not pay per payment. Warm-ups last until it has died down, and the report shows what was
 * left of it in each phase.
 */
final class ProcessCpu {

  /** {@code getconf CLK_TCK} on Linux (the kernel's USER_HZ, 100 on every common build). */
  private static final long TICK_NANOS = 10_000_000L;

  private final Map<String, Long> pids;

  /** {@code pids}: a name for each process, in the order the report shows them. */
  ProcessCpu(Map<String, Long> pids) {
    this.pids = new LinkedHashMap<>(pids);
  }

  static ProcessCpu thisProcessOnly(String name) {
    return new ProcessCpu(Map.of(name, ProcessHandle.current().pid()));
  }

  /** The processes by name, in the report's order. */
  Map<String, Long> pids() {
    return new LinkedHashMap<>(pids);
  }

  /** CPU nanoseconds so far per process (a process that cannot be read is left out), and of its JIT compiler. */
  Snapshot snapshot() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    Map<String, Long> jit = new LinkedHashMap<>();
    pids.forEach((name, pid) -> {
      long ticks = ticks(pid);
      if (ticks >= 0) {
        cpu.put(name, ticks * TICK_NANOS);
        jit.put(name, compilerTicks(pid) * TICK_NANOS);
      }
    });
    return new Snapshot(System.nanoTime(), cpu, jit);
  }

  /** utime + stime of the JIT compiler threads of {@code pid} (0 for a process that is not a HotSpot JVM). */
  static long compilerTicks(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long ticks = 0;
    try (var threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        String comm = readOrEmpty(thread.resolve("comm"));
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
          ticks += Math.max(0, ticksOf(thread.resolve("stat")));
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended, or this is not Linux
    }
    return ticks;
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return ""; // the thread ended between the listing and the read
    }
  }

  /** utime + stime of {@code pid} in ticks, or -1. */
  static long ticks(long pid) {
    return ticksOf(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /** utime + stime from a {@code stat} file of proc(5) (a process's or one thread's), or -1. */
  private static long ticksOf(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU of every process at one moment. */
  record Snapshot(long atNanos, Map<String, Long> cpuNanos, Map<String, Long> jitNanos) {

    /**
     * From this snapshot to {@code later}, for {@code operations} completed: per process {@code {cpuMs, usPerOp,
     * cores}} (cores = CPU seconds per wall second), plus {@code total}.
     */
    JsonObject perOperation(Snapshot later, long operations, Map<String, Double> idleCores) {
      JsonObject out = new JsonObject();
      double wallSeconds = Math.max(1e-9, (later.atNanos - atNanos) / 1e9);
      long total = 0;
      double totalIdle = 0;
      for (var entry : cpuNanos.entrySet()) {
        Long after = later.cpuNanos.get(entry.getKey());
        if (after == null) {
          continue;
        }
        long used = Math.max(0, after - entry.getValue());
        double idle = idleCores.getOrDefault(entry.getKey(), 0.0) * wallSeconds * 1e9;
        total += used;
        totalIdle += idle;
        JsonObject figures = figures(used, idle, operations, wallSeconds);
        long compiling = Math.max(0, later.jitNanos.getOrDefault(entry.getKey(), 0L)
            - jitNanos.getOrDefault(entry.getKey(), 0L));
        if (compiling > 0) {
          figures.put("jitUsPerOp", operations <= 0 ? null : Math.round(compiling / 1e3 / operations))
              .put("jitCores", Math.round(compiling / 1e9 / wallSeconds * 100) / 100.0);
        }
        out.put(entry.getKey(), figures);
      }
      out.put("total", figures(total, totalIdle, operations, wallSeconds));
      return new JsonObject().put("operations", operations).put("wallSeconds", Math.round(wallSeconds * 10) / 10.0)
          .put("processes", out);
    }

    /** Cores the JIT compilers of all the processes used together from this snapshot to {@code later}. */
    double jitCores(Snapshot later) {
      double wallNanos = Math.max(1, later.atNanos - atNanos);
      long compiling = 0;
      for (var entry : jitNanos.entrySet()) {
        compiling += Math.max(0, later.jitNanos.getOrDefault(entry.getKey(), entry.getValue()) - entry.getValue());
      }
      return compiling / wallNanos;
    }

    /** Cores each process used on average from this snapshot to {@code later}: its idle draw when nothing runs. */
    Map<String, Double> cores(Snapshot later) {
      double wallNanos = Math.max(1, later.atNanos - atNanos);
      Map<String, Double> cores = new LinkedHashMap<>();
      cpuNanos.forEach((name, before) -> {
        Long after = later.cpuNanos.get(name);
        if (after != null) {
          cores.put(name, Math.max(0, after - before) / wallNanos);
        }
      });
      return cores;
    }

    /** {@code netUsPerOp}: less what the process draws idle over the same time (timers, polls, heartbeats). */
    private static JsonObject figures(long nanos, double idleNanos, long operations, double wallSeconds) {
      return new JsonObject().put("cpuMs", Math.round(nanos / 1e6))
          .put("usPerOp", operations <= 0 ? null : Math.round(nanos / 1e3 / operations))
          .put("netUsPerOp", operations <= 0 ? null : Math.round(Math.max(0, nanos - idleNanos) / 1e3 / operations))
          .put("cores", Math.round(nanos / 1e9 / wallSeconds * 100) / 100.0);
    }
  }
}
