package io.shpay.bench;

import io.shpay.local.FreePorts;
import io.shpay.sandbox.nh.NhSandboxOptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Every process the benchmark measures, each its own OS process so each one's CPU can be read on its own:
 * <ul>
 *   <li><b>servers</b> ({@link BenchServers}): MariaDB (sized for the load) and Redis as child processes, the Kafka
 *       broker in the JVM itself;</li>
 *   <li><b>sandboxes</b> ({@link BenchSandboxes}): the KFTC and NH bank sandboxes;</li>
 *   <li><b>service</b>: SH Pay as it ships ({@code io.shpay.Main}, profile {@code local}, every role) in a JVM with
 *       {@code -Xmx512m}; with {@code bench.replicas=2} a second one with the API and payment roles;</li>
 *   <li><b>floor</b> ({@link FloorServer}): the minimal payment server scenario (e) compares SH Pay with.</li>
 * </ul>
 * The load generator is the bench's own JVM. Each child writes to its own file in the output directory (never a pipe,
 * which a slow reader would let fill up and block the child's event loop); readiness is read from those files or, for
 * SH Pay, from {@code /health/ready}.
 */
final class BenchProcesses implements AutoCloseable {

  static final String SERVICE = "SH Pay service JVM";
  /** With {@code bench.replicas=2}: the second SH Pay process (API and payment roles). */
  static final String SERVICE_2 = "SH Pay service JVM #2";
  static final String MARIADB = "MariaDB";
  static final String REDIS = "Redis";
  static final String BROKER = "Kafka broker JVM";
  static final String SANDBOXES = "bank sandboxes JVM";
  static final String FLOOR = "floor server JVM";
  static final String LOAD = "load generator (bench JVM)";
  static final String TOPIC = "shpay.payment-events";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private final List<Process> started = new ArrayList<>();
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private Process service;
  private Process secondService;
  private Target target;
  private String floorUrl;

  private BenchProcesses() {
  }

  static BenchProcesses start(BenchOptions options) throws Exception {
    BenchProcesses all = new BenchProcesses();
    try {
      all.startAll(options);
      return all;
    } catch (Exception | Error e) {
      all.close();
      throw e;
    }
  }

  private void startAll(BenchOptions options) throws Exception {
    Path out = options.output().toAbsolutePath();
    Files.createDirectories(out);
    int http = FreePorts.pick();
    int mysql = FreePorts.pick();
    int redis = FreePorts.pick();
    int kafka = FreePorts.pick();
    int kftc = FreePorts.pick();
    int nh = FreePorts.pick();
    int floor = FreePorts.pick();
    String callback = "http://localhost:" + http + "/api/v1/openbanking/callback";

    Process servers = java(out.resolve("servers.log"), "1g", List.of(), BenchServers.class.getName(),
        List.of(Integer.toString(mysql), Integer.toString(redis), Integer.toString(kafka), TOPIC, TOPIC + ".dlt"),
        Map.of());
    Process sandboxes = java(out.resolve("sandboxes.log"), "512m", List.of(), BenchSandboxes.class.getName(),
        List.of(Integer.toString(kftc), Integer.toString(nh), callback), Map.of());
    awaitLine(out.resolve("servers.log"), BenchServers.READY, servers);
    awaitLine(out.resolve("sandboxes.log"), BenchSandboxes.READY, sandboxes);

    String mysqlUri = "mysql://root@127.0.0.1:" + mysql + "/shpay";
    String nhUrl = "http://127.0.0.1:" + nh;
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SHPAY_PROFILE", "local");
    env.put("SHPAY_HTTP_PORT", Integer.toString(http));
    env.put("SHPAY_KFTC_BASE_URL", "http://127.0.0.1:" + kftc);
    env.put("SHPAY_KFTC_REDIRECT_URI", callback);
    env.put("SHPAY_OPENBANKING_CONSENT_RETURN_URL", "http://localhost:" + http + "/api/v1");
    env.put("SHPAY_NH_BASE_URL", nhUrl);
    env.put("SHPAY_NH_ISCD", NhSandboxOptions.defaults().iscd());
    env.put("SHPAY_NH_ACCESS_TOKEN", NhSandboxOptions.defaults().accessToken());
    env.put("SHPAY_MYSQL_URI", mysqlUri);
    env.put("SHPAY_REDIS_URI", "redis://127.0.0.1:" + redis);
    env.put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafka);
    // The bench signs up and logs in its thousand users from one address.
    env.put("SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", "100000");
    env.put("SHPAY_AUTH_SIGN_UPS_PER_IP_PER_HOUR", "1000000");
    env.put("SHPAY_AUTH_SIGN_UPS_PER_MINUTE", "1000000");
    // One signing key pair for every replica, so a token one issued is good at the other (local mode would make one
    // per process).
    io.shpay.user.SigningKeys.Pem keys = io.shpay.user.SigningKeys.generate();
    env.put("SHPAY_AUTH_JWT_PRIVATE_KEY", keys.privateKey().reveal());
    env.put("SHPAY_AUTH_JWT_PUBLIC_KEY", keys.publicKey());
    List<String> serviceJvm = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError"));
    // e.g. -Dbench.serviceJvmArgs="-XX:StartFlightRecording=filename=target/bench/service.jfr,settings=profile"
    options.option("bench.serviceJvmArgs").ifPresent(extra -> serviceJvm.addAll(List.of(extra.trim().split("\\s+"))));
    service = java(out.resolve("service.log"), options.serviceHeap(), serviceJvm, "io.shpay.Main", List.of(), env);
    Process floorServer = java(out.resolve("floor.log"), "512m", List.of("-XX:+ExitOnOutOfMemoryError"),
        FloorServer.class.getName(), List.of(Integer.toString(floor),
            "mysql://root@127.0.0.1:" + mysql + "/" + FloorServer.DATABASE, "127.0.0.1:" + kafka, nhUrl,
            Long.toString(options.amount())), Map.of());
    awaitLine(out.resolve("floor.log"), FloorServer.READY, floorServer);
    awaitHttp("http://127.0.0.1:" + http + "/health/ready", service, out.resolve("service.log"));
    List<String> otherReplicas = new ArrayList<>();
    if (options.replicas() > 1) {
      // Started once the first has migrated and seeded: what a second API pod of a deployment runs, against the same
      // MariaDB, Redis and Kafka; the first keeps the history role (the consumers), as the worker pods would.
      int http2 = FreePorts.pick();
      Map<String, String> second = new LinkedHashMap<>(env);
      second.put("SHPAY_HTTP_PORT", Integer.toString(http2));
      second.put("SHPAY_ROLES", "api,user,openbanking,payment");
      second.put("SHPAY_MYSQL_MIGRATE_ON_START", "false");
      secondService = java(out.resolve("service-2.log"), options.serviceHeap(), serviceJvm, "io.shpay.Main",
          List.of(), second);
      awaitHttp("http://127.0.0.1:" + http2 + "/health/ready", secondService, out.resolve("service-2.log"));
      otherReplicas.add("http://127.0.0.1:" + http2);
    }

    pids.put(SERVICE, service.pid());
    if (secondService != null) {
      pids.put(SERVICE_2, secondService.pid());
    }
    descendant(servers, "mariadbd").ifPresent(pid -> pids.put(MARIADB, pid));
    descendant(servers, "redis-server").ifPresent(pid -> pids.put(REDIS, pid));
    pids.put(BROKER, servers.pid());
    pids.put(SANDBOXES, sandboxes.pid());
    pids.put(FLOOR, floorServer.pid());
    pids.put(LOAD, ProcessHandle.current().pid());
    target = new Target("http://127.0.0.1:" + http, "admin@shpay.local", "local-admin-password", mysqlUri,
        "redis://127.0.0.1:" + redis, "127.0.0.1:" + kafka, nhUrl, TOPIC, Optional.of(service.pid()))
        .withOtherReplicas(otherReplicas);
    floorUrl = "http://127.0.0.1:" + floor;
  }

  Target target() {
    return target;
  }

  String floorUrl() {
    return floorUrl;
  }

  /** The measured processes by name. */
  Map<String, Long> pids() {
    return Map.copyOf(pids);
  }

  /** What runs where, for the report. */
  Map<String, Long> orderedPids() {
    return new LinkedHashMap<>(pids);
  }

  /** Peak resident memory of the service process ({@code VmHWM}), e.g. {@code 742 MiB}, if readable. */
  Optional<String> peakRss() {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(service.pid()), "status")).stream()
          .filter(l -> l.startsWith("VmHWM:")).findFirst()
          .map(l -> (Long.parseLong(l.replaceAll("\\D", "")) / 1024) + " MiB");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  boolean serviceAlive() {
    return service != null && service.isAlive() && (secondService == null || secondService.isAlive());
  }

  /** Stops the children, SH Pay first, the servers last (their JVM stops MariaDB and Redis on SIGTERM). */
  @Override
  public void close() {
    List<Process> reversed = new ArrayList<>(started);
    java.util.Collections.reverse(reversed);
    for (Process process : reversed) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private Process java(Path log, String heap, List<String> jvmArgs, String main, List<String> args,
      Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classPath(), main));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static void awaitLine(Path log, String line, Process process) throws Exception {
    waitFor(() -> {
      try {
        return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line);
      } catch (IOException e) {
        return false;
      }
    }, process, log);
  }

  private static void awaitHttp(String url, Process process, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    waitFor(() -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, process, log);
  }

  private static void waitFor(BooleanSupplier ready, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("A bench process exited with " + process.exitValue() + " (see " + log + ")");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("A bench process did not start within " + START_TIMEOUT + " (see " + log + ")");
      }
      Thread.sleep(200);
    }
  }

  /** The child whose executable's file name starts with {@code command} (embedded-redis adds its version). */
  private static Optional<Long> descendant(Process parent, String command) {
    return parent.descendants().filter(p -> p.info().command()
            .map(c -> Path.of(c).getFileName().toString().startsWith(command)).orElse(false))
        .map(ProcessHandle::pid).findFirst();
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
