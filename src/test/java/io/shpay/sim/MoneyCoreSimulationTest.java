package io.shpay.sim;

import io.shpay.local.EmbeddedKafka;
import io.shpay.local.EmbeddedRedis;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A seeded fault simulation of the money core, in the spirit of TigerBeetle's VOPR: simulated users and
 * merchants pay, retry and refund over both rails while a seed's faults hit the banks, MySQL, Kafka,
 * Redis and the SH Pay process itself; afterwards the money invariants must hold. A failing seed prints
 * its faults, the violated invariants and the trace of operations.
 *
 * <p>{@code ./mvnw verify} runs {@link #VERIFY_SEEDS}. {@code -Dsim.seeds=200} runs seeds 1 to 200;
 * {@code -Dsim.seed=N} replays seed N alone. The fault plan and each client's choices come from the seed;
 * the interleaving of concurrent clients is up to the machine, so a replay re-runs the same plan.
 *
 * <p>This class runs its own Kafka broker and Redis (it stops the one and flushes the other); MySQL is
 * the test server, with a database per seed.
 */
class MoneyCoreSimulationTest {

  private static final Logger LOG = LoggerFactory.getLogger(MoneyCoreSimulationTest.class);
  /** The seeds of every build: few, so the simulation costs about a minute; together they plan every kind of fault but three. */
  static final List<Long> VERIFY_SEEDS = List.of(1L, 3L);

  private static Vertx vertx;
  private static EmbeddedKafka kafka;
  private static EmbeddedRedis redis;

  @BeforeAll
  static void startServers() {
    vertx = Vertx.vertx();
    kafka = EmbeddedKafka.start(0);
    redis = EmbeddedRedis.start(0);
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (redis != null) {
      redis.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> theMoneyInvariantsHoldWhateverFails() {
    return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
      Simulation.Outcome outcome = new Simulation(vertx, kafka, redis).run(seed);
      LOG.info("Simulation seed {}: {} violation(s) in {} ms", seed, outcome.violations().size(), outcome.millis());
      if (!outcome.violations().isEmpty()) {
        String report = outcome.report();
        System.out.println(report);
        throw new AssertionError(report);
      }
    }));
  }

  private static LongStream seeds() {
    String one = System.getProperty("sim.seed");
    if (one != null && !one.isBlank()) {
      return LongStream.of(Long.parseLong(one.trim()));
    }
    String count = System.getProperty("sim.seeds");
    if (count != null && !count.isBlank()) {
      return LongStream.rangeClosed(1, Long.parseLong(count.trim()));
    }
    return VERIFY_SEEDS.stream().mapToLong(Long::longValue);
  }
}
