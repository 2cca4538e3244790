package io.shpay.bench;

import io.shpay.local.FreePorts;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack ({@code io.shpay.local.LocalStack}) in a child JVM with its own heap ({@code -Xmx512m} by
 * default), so the service is measured within the heap the issue sets and the load generator's allocations do not
 * count against it. Its embedded MariaDB and Redis are processes of their own; its Kafka broker and the bank
 * sandboxes share the child's heap with SH Pay. Ports are picked here and pinned through the local stack's
 * variables; the sandboxes' addresses are read from its banner. Its output goes to {@code stack.log}.
 */
final class ChildStack implements AutoCloseable {

  private static final Pattern SANDBOX = Pattern.compile("^\\s*(KFTC|NH)\\s+(http://\\S+)");
  private static final String READY = "SH Pay is running";

  private final Process process;
  private final Target target;

  private ChildStack(Process process, Target target) {
    this.process = process;
    this.target = target;
  }

  static ChildStack start(BenchOptions options) throws Exception {
    int http = FreePorts.pick();
    int mysql = FreePorts.pick();
    int redis = FreePorts.pick();
    int kafka = FreePorts.pick();
    Files.createDirectories(options.output());
    Path log = options.output().resolve("stack.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + options.serviceHeap(), "-XX:+ExitOnOutOfMemoryError"));
    // e.g. -Dbench.serviceJvmArgs="-XX:StartFlightRecording=filename=target/bench/service.jfr,settings=profile"
    options.option("bench.serviceJvmArgs").ifPresent(extra -> command.addAll(List.of(extra.trim().split("\\s+"))));
    command.addAll(List.of("-cp", classPath(), "io.shpay.local.LocalStack"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("SHPAY_HTTP_PORT", Integer.toString(http));
    env.put("SHPAY_LOCAL_MYSQL_PORT", Integer.toString(mysql));
    env.put("SHPAY_LOCAL_REDIS_PORT", Integer.toString(redis));
    env.put("SHPAY_LOCAL_KAFKA_PORT", Integer.toString(kafka));
    // The bench signs up and logs in a handful of users from one address.
    env.put("SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", "100000");
    Process process = builder.start();
    CompletableFuture<Map<String, String>> banner = new CompletableFuture<>();
    Thread pump = new Thread(() -> copy(process, log, banner), "bench-stack-log");
    pump.setDaemon(true);
    pump.start();
    Map<String, String> sandboxes;
    try {
      sandboxes = banner.get(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("The local stack did not start (see " + log + "): " + e.getMessage(), e);
    }
    Target target = new Target("http://127.0.0.1:" + http, "admin@shpay.local", "local-admin-password",
        "mysql://root@127.0.0.1:" + mysql + "/shpay", "redis://127.0.0.1:" + redis, "127.0.0.1:" + kafka,
        sandboxes.get("NH"), "shpay.payment-events", Optional.of(process.pid()));
    return new ChildStack(process, target);
  }

  Target target() {
    return target;
  }

  /** Peak resident memory of the service process ({@code VmHWM}), e.g. {@code 742 MiB}, if readable. */
  Optional<String> peakRss() {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(l -> l.startsWith("VmHWM:")).findFirst()
          .map(l -> (Long.parseLong(l.replaceAll("\\D", "")) / 1024) + " MiB");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws Exception {
    process.destroy(); // SIGTERM: LocalStack's shutdown hook stops SH Pay and every embedded server
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static void copy(Process process, Path log, CompletableFuture<Map<String, String>> banner) {
    Map<String, String> sandboxes = new java.util.HashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      boolean running = false;
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        if (line.contains(READY)) {
          running = true;
        }
        Matcher m = SANDBOX.matcher(line);
        if (running && m.find()) {
          sandboxes.put(m.group(1), m.group(2));
          if (sandboxes.size() == 2) {
            banner.complete(Map.copyOf(sandboxes));
          }
        }
      }
    } catch (IOException e) {
      banner.completeExceptionally(e);
    }
    banner.completeExceptionally(new IllegalStateException("the local stack exited with " + exitCode(process)));
  }

  private static String exitCode(Process process) {
    try {
      return Integer.toString(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  /**
   * The test class path this JVM runs with. Under {@code exec:java} it is the exec plugin's class loader (Maven's own
   * {@code java.class.path} is the Maven launcher); under {@code java -cp} or Surefire it is {@code java.class.path}.
   */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0
          && urls.findResource("io/shpay/local/LocalStack.class") != null) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (URISyntaxException | IllegalArgumentException e) {
            entries.add(url.getPath());
          }
        }
        break;
      }
    }
    if (entries.isEmpty()) {
      return System.getProperty("java.class.path");
    }
    return String.join(File.pathSeparator, entries);
  }
}
