package io.shpay.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What one benchmark run does, read from {@code -Dbench.*} system properties (or {@code key=value} arguments, which
 * win). Durations take {@code 60s}, {@code 500ms}, {@code 2m} or ISO-8601 ({@code PT60S}).
 *
 * @param duration       measured time of each fixed-rate phase ({@code bench.duration}, 60 s)
 * @param warmup         unmeasured load before each scenario's first phase ({@code bench.warmup}, 10 s)
 * @param saturation     measured time of each closed-loop phase: SH Pay at saturation, the I/O floor, the id
 *                       issuers ({@code bench.saturation}, 15 s)
 * @param payRate        offered checkouts + pays per second in scenario (a) ({@code bench.payRate}, 1000)
 * @param balanceRate    offered balance reads per second in scenario (c) ({@code bench.balanceRate}, 2000)
 * @param eventRate      paid checkouts per second in scenario (b) ({@code bench.eventRate}, 500: the rate)
 * @param eventDuration  measured time of scenario (b) ({@code bench.eventDuration}, 30 s: 15,000 events, enough for a
 *                       p99, and it keeps the default run within 8 minutes)
 * @param maxInFlight    open loop: operations in flight at most ({@code bench.maxInFlight}, 512); a due operation
 *                       that finds the cap full waits, and its wait counts in its latency
 * @param workers        closed loop: concurrent workers ({@code bench.workers}, 64)
 * @param idWorkers      closed loop workers of scenario (d) ({@code bench.idWorkers}, 16: the size of SH Pay's pools)
 * @param users          users who pay in (a) and (b), each with its own verified NH FinAccount ({@code bench.users},
 *                       1000)
 * @param merchants      merchants whose checkouts they pay, round-robin ({@code bench.merchants}, 10)
 * @param amount         won per payment ({@code bench.amount}, 10: the sandbox accounts must last the run)
 * @param scenarios      which scenarios run, by id ({@code bench.scenarios}, all of {@link BenchMain#SCENARIOS})
 * @param output         where the reports go ({@code bench.out}, {@code target/bench})
 * @param serviceHeap    {@code -Xmx} of the child JVM running the local stack ({@code bench.heap}, 512m)
 * @param target         a running SH Pay to drive instead of starting one ({@code bench.target}, a base URL)
 * @param replicas       SH Pay processes the bench starts ({@code bench.replicas}, 1): with 2, a second
 *                       {@code io.shpay.Main} with the API and payment roles on its own port, against the same
 *                       database and broker, and the load generator's requests alternate between the two
 */
public record BenchOptions(Duration duration, Duration warmup, Duration saturation, int payRate, int balanceRate,
    int eventRate, Duration eventDuration, int maxInFlight, int workers, int idWorkers, int users, int merchants,
    long amount, Set<String> scenarios, Path output, String serviceHeap,
    Optional<String> target, int replicas, Map<String, String> raw) {

  public static BenchOptions from(String[] args) {
    Map<String, String> values = new java.util.TreeMap<>();
    System.getProperties().forEach((key, value) -> {
      if (key.toString().startsWith("bench.")) {
        values.put(key.toString(), value.toString());
      }
    });
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("Arguments are key=value (e.g. bench.duration=30s), got '" + arg + "'");
      }
      String key = arg.substring(0, eq).startsWith("bench.") ? arg.substring(0, eq) : "bench." + arg.substring(0, eq);
      values.put(key, arg.substring(eq + 1));
    }
    return from(values);
  }

  public static BenchOptions from(Map<String, String> values) {
    Function<String, Optional<String>> get = key -> Optional.ofNullable(values.get(key)).map(String::trim)
        .filter(v -> !v.isEmpty());
    Set<String> scenarios = new LinkedHashSet<>(Arrays.asList(
        get.apply("bench.scenarios").orElse(String.join(",", BenchMain.SCENARIOS)).split("\\s*,\\s*")));
    for (String id : scenarios) {
      if (!BenchMain.SCENARIOS.contains(id)) {
        throw new IllegalArgumentException("bench.scenarios: unknown scenario '" + id + "', known: " + BenchMain.SCENARIOS);
      }
    }
    return new BenchOptions(
        duration(get, "bench.duration", "60s"),
        duration(get, "bench.warmup", "10s"),
        duration(get, "bench.saturation", "15s"),
        positive(get, "bench.payRate", 1000),
        positive(get, "bench.balanceRate", 2000),
        positive(get, "bench.eventRate", 500),
        duration(get, "bench.eventDuration", "30s"),
        positive(get, "bench.maxInFlight", 512),
        positive(get, "bench.workers", 64),
        positive(get, "bench.idWorkers", 16),
        positive(get, "bench.users", 1000),
        positive(get, "bench.merchants", 10),
        positive(get, "bench.amount", 10),
        scenarios,
        Path.of(get.apply("bench.out").orElse("target/bench")),
        get.apply("bench.heap").orElse("512m"),
        get.apply("bench.target").map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
        replicas(get),
        Map.copyOf(values));
  }

  /** A raw option, for the target's details ({@code bench.mysqlUri}, …). */
  public Optional<String> option(String key) {
    return Optional.ofNullable(raw.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not a duration: '" + text + "' (try 60s, 500ms, 2m or PT60S)", e);
    }
  }

  private static Duration duration(Function<String, Optional<String>> get, String key, String fallback) {
    try {
      return parseDuration(get.apply(key).orElse(fallback));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  private static int replicas(Function<String, Optional<String>> get) {
    int replicas = positive(get, "bench.replicas", 1);
    if (replicas > 2) {
      throw new IllegalArgumentException("bench.replicas is 1 or 2 (one box has two cores), got " + replicas);
    }
    return replicas;
  }

  private static int positive(Function<String, Optional<String>> get, String key, int fallback) {
    String value = get.apply(key).orElse(Integer.toString(fallback));
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 1) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number of at least 1, got '" + value + "'");
    }
  }

  /** The options as they appear in the report. */
  public io.vertx.core.json.JsonObject toJson() {
    return new io.vertx.core.json.JsonObject()
        .put("duration", duration.toString()).put("warmup", warmup.toString()).put("saturation", saturation.toString())
        .put("payRate", payRate).put("balanceRate", balanceRate)
        .put("eventRate", eventRate).put("eventDuration", eventDuration.toString()).put("maxInFlight", maxInFlight)
        .put("workers", workers).put("idWorkers", idWorkers).put("users", users)
        .put("merchants", merchants).put("amount", amount)
        .put("scenarios", new io.vertx.core.json.JsonArray(java.util.List.copyOf(scenarios)))
        .put("output", output.toString()).put("serviceHeap", serviceHeap)
        .put("target", target.orElse("local stack (child JVM)")).put("replicas", replicas);
  }
}
