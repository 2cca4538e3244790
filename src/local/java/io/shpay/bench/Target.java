package io.shpay.bench;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * The SH Pay under test and the servers behind it. The API and admin credentials drive scenarios (a) and (c); the
 * MySQL, Redis, Kafka and NH sandbox addresses are what scenarios (d) and (e) talk to directly, and what (a) reads
 * its events back from.
 *
 * @param servicePid the service's process id when the bench started it (for its peak memory), else empty
 */
public record Target(String baseUrl, String adminEmail, String adminPassword, String mysqlUri, String redisUri,
    String kafkaBootstrap, String nhBaseUrl, String paymentEventsTopic, Optional<Long> servicePid,
    List<String> otherReplicas) {

  /** One SH Pay process. */
  public Target(String baseUrl, String adminEmail, String adminPassword, String mysqlUri, String redisUri,
      String kafkaBootstrap, String nhBaseUrl, String paymentEventsTopic, Optional<Long> servicePid) {
    this(baseUrl, adminEmail, adminPassword, mysqlUri, redisUri, kafkaBootstrap, nhBaseUrl, paymentEventsTopic,
        servicePid, List.of());
  }

  /** The same stack with more SH Pay processes (their base URLs) beside the first. */
  Target withOtherReplicas(List<String> urls) {
    return new Target(baseUrl, adminEmail, adminPassword, mysqlUri, redisUri, kafkaBootstrap, nhBaseUrl,
        paymentEventsTopic, servicePid, List.copyOf(urls));
  }

  /** A running stack named by {@code -Dbench.target=URL} and the {@code bench.*} options naming its servers. */
  static Target fromOptions(BenchOptions options) {
    String url = options.target().orElseThrow();
    return new Target(url,
        options.option("bench.adminEmail").orElse("admin@shpay.local"),
        options.option("bench.adminPassword").orElse("local-admin-password"),
        required(options, "bench.mysqlUri"), required(options, "bench.redisUri"), required(options, "bench.kafka"),
        required(options, "bench.nhUrl"),
        options.option("bench.topic").orElse("shpay.payment-events"), Optional.empty());
  }

  private static String required(BenchOptions options, String key) {
    return options.option(key).orElseThrow(() -> new IllegalArgumentException("With bench.target, " + key
        + " must name the stack's server too (see BENCHMARKS.md: scenarios (d) and (e) talk to it directly)"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("baseUrl", baseUrl).put("mysql", mysqlUri.replaceFirst("://([^:@/]*):[^@/]*@", "://$1:***@"))
        .put("redis", redisUri).put("kafka", kafkaBootstrap).put("nhSandbox", nhBaseUrl).put("topic", paymentEventsTopic)
        .put("otherReplicas", new io.vertx.core.json.JsonArray(otherReplicas));
  }
}
