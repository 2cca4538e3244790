package io.shpay.bench;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a run measured: cores, memory, JDK, OS and how busy it was (the load average). */
public record MachineInfo(int cores, long totalMemoryBytes, long benchMaxHeapBytes, String jdk, String os,
    String cpuModel, double loadAverage1m, String loadAverages) {

  public static MachineInfo now() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long total = memTotalFromProc().orElseGet(() -> os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getTotalMemorySize() : -1L);
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), total, Runtime.getRuntime().maxMemory(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        readCpuModel(), os.getSystemLoadAverage(), currentLoadAverages());
  }

  /** The three load averages of {@code /proc/loadavg} ({@code uptime}'s), or the JVM's 1-minute one. */
  static String currentLoadAverages() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static Optional<Long> memTotalFromProc() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("cores", cores).put("totalMemoryBytes", totalMemoryBytes)
        .put("totalMemory", gib(totalMemoryBytes)).put("benchMaxHeap", gib(benchMaxHeapBytes))
        .put("jdk", jdk).put("os", os).put("cpu", cpuModel).put("loadAverage", loadAverages);
  }

  static String gib(long bytes) {
    return bytes < 0 ? "unknown" : String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
