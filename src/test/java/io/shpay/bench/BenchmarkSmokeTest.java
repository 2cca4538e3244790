package io.shpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.TestServers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The benchmark still works: a run of a few seconds at a low rate against this test class's stack writes both
 * reports with every scenario, every phase and no errors. It asserts nothing about speed: timings belong to the
 * benchmark command, not to the suite. The bench API blocks, so it runs on the test thread, never an event loop.
 */
class BenchmarkSmokeTest {

  static final JsonObject SETTINGS = EventTopics.isolated().put("SHPAY_ROLES", "api,user,openbanking,payment,history");

  /** With the history role, so scenario (b)'s events reach the history table and the notification streams. */
  @RegisterExtension
  static final BankingStack STACK = new BankingStack(SETTINGS, UnaryOperator.identity());

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aShortLowRateRunWritesBothReportsWithEveryScenarioAndNoErrors() throws Exception {
    // A directory of this run's own, so reports an earlier run left behind cannot stand in for this one's.
    Files.createDirectories(Path.of("target"));
    Path out = Files.createTempDirectory(Path.of("target"), "bench-smoke-");
    assertThat(out.resolve("report.json")).doesNotExist();
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
        "bench.duration", "2s", "bench.warmup", "1s", "bench.saturation", "2s",
        "bench.payRate", "10", "bench.balanceRate", "20", "bench.eventRate", "10", "bench.maxInFlight", "16",
        "bench.workers", "4", "bench.idWorkers", "4"));
    // The warm-up would go on while this test JVM's JIT compiles; one slice is all a smoke run needs.
    settings.putAll(Map.of("bench.users", "6", "bench.merchants", "2", "bench.eventDuration", "2s",
        "bench.out", out.toString(), "bench.warmupLimit", "1s"));
    BenchOptions options = BenchOptions.from(settings);
    TestServers servers = TestServers.get();
    Target target = new Target("http://127.0.0.1:" + STACK.app().port(), BankingStack.ADMIN_EMAIL,
        BankingStack.ADMIN_PASSWORD, servers.mysqlUri(), servers.redisUri(), servers.kafkaBootstrap(),
        STACK.nh().baseUrl(), EventTopics.topic(SETTINGS), Optional.empty());

    Instant before = Instant.now();
    JsonObject returned = BenchMain.run(options, Optional.of(target));
    Instant after = Instant.now();

    JsonObject report = new JsonObject(Files.readString(out.resolve("report.json")));
    assertThat(report).as("the file is this run's report").isEqualTo(new JsonObject(returned.encode()));
    Instant startedAt = Instant.parse(report.getString("startedAt"));
    assertThat(startedAt).as("started during this run").isBetween(before, after);
    assertThat(report.getDouble("totalSeconds")).isPositive()
        .isLessThanOrEqualTo(java.time.Duration.between(before, after).toMillis() / 1000.0 + 0.1);
    assertThat(report.getJsonObject("machine").getInteger("cores")).isPositive();
    assertThat(report.getJsonObject("machine").getString("jdk")).isNotBlank();
    assertThat(report.getJsonObject("options").getString("duration")).isEqualTo("PT2S");
    assertThat(report.getJsonArray("scenarios").stream().map(s -> ((JsonObject) s).getString("id")))
        .containsExactlyElementsOf(BenchMain.SCENARIOS);
    report.getJsonArray("scenarios").forEach(s -> {
      JsonObject scenario = (JsonObject) s;
      assertThat(scenario.containsKey("failure")).as(scenario.getString("id") + " " + scenario.getString("failure"))
          .isFalse();
      assertThat(scenario.getJsonArray("phases")).isNotEmpty();
      scenario.getJsonArray("phases").forEach(p -> {
        JsonObject phase = (JsonObject) p;
        String name = scenario.getString("id") + " / " + phase.getString("phase");
        assertThat(phase.getLong("ok")).as(name).isPositive();
        assertThat(phase.getLong("errors")).as(name + " " + phase.getJsonObject("errorKinds")).isZero();
        // Missed = due but not started by the phase's end: on a loaded machine the generator's own loop can run a
        // moment late, which is speed (not the smoke test's business); most of what was due must still have run.
        assertThat(phase.getLong("missed")).as(name + " missed").isLessThanOrEqualTo(phase.getLong("ok") / 10);
        assertThat(phase.getJsonObject("latency").fieldNames())
            .contains("count", "p50Ms", "p95Ms", "p99Ms", "maxMs");
      });
    });
    JsonObject kafka = report.getJsonArray("scenarios").getJsonObject(0).getJsonArray("phases").getJsonObject(0)
        .getJsonObject("extra").getJsonObject("kafka");
    assertThat(kafka.getLong("published")).as("every approved payment's event reached Kafka")
        .isEqualTo(kafka.getLong("expected")).isPositive();
    JsonObject events = report.getJsonArray("scenarios").getJsonObject(1).getJsonArray("phases").getJsonObject(0)
        .getJsonObject("extra");
    assertThat(events.getJsonObject("answerToSse").getLong("count")).as("every payment's SSE event arrived")
        .isEqualTo(events.getJsonObject("events").getLong("expected")).isPositive();
    assertThat(events.getJsonObject("answerToHistory").getLong("count")).as("every sampled history row appeared")
        .isEqualTo(events.getJsonObject("history").getLong("sampled")).isPositive();
    assertThat(report.getJsonArray("targets").stream().map(t -> ((JsonObject) t).getString("verdict")))
        .hasSize(5).allMatch(v -> List.of("met", "missed", "n/a").contains(v));

    JsonObject cpu = report.getJsonArray("scenarios").getJsonObject(0).getJsonArray("phases").getJsonObject(0)
        .getJsonObject("extra").getJsonObject("cpu");
    assertThat(cpu.getJsonObject("processes").getJsonObject("total").getLong("usPerOp")).as("CPU per paid checkout")
        .isPositive();
    assertThat(report.getJsonArray("scenarios").getJsonObject(0).getJsonArray("phases").getJsonObject(0)
        .getJsonObject("extra").getJsonObject("quiet").getBoolean("reached")).as("outbox empty, consumers caught up")
        .isTrue();
    assertThat(report.getJsonArray("scenarios").getJsonObject(0).getJsonArray("phases").getJsonObject(0)
        .getJsonObject("extra").getJsonObject("warmUp").getLong("seconds")).as("one warm-up slice, within the limit")
        .isBetween(1L, 2L);
    assertThat(report.getJsonArray("scenarios").getJsonObject(0).getJsonArray("phases").getJsonObject(0)
        .getJsonObject("extra").getJsonObject("mysql").getDouble("statementsPerOp")).as("MySQL's own count")
        .isGreaterThanOrEqualTo(3.0);

    String markdown = Files.readString(out.resolve("report.md"));
    assertThat(markdown).contains("Run " + report.getString("startedAt") + ", ");
    assertThat(markdown).contains("## Machine", "## CPU per operation", "## Targets", "## Scenarios", "| checkout-pay | fixed rate |",
        "| event-latency | fixed rate |", "↳ pay sent → SSE event", "↳ pay answer → history row",
        "| balance | fixed rate |", "| tran-id | MySQL only |", "| floor | saturation |");
  }
}
