package io.shpay.bench;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * An open loop starts every operation due before its end: "missed" counts only those the in-flight cap kept waiting.
 * The generator's timer ticks every millisecond; operations that fell due after the last tick before the end were
 * counted missed although nothing held them (one in the 60 s at 2,000/s of the bench's cached-balance scenario, which
 * turned its verdict to missed).
 */
class LoadGeneratorTest {

  private static final Vertx VERTX = Vertx.vertx();

  @AfterAll
  static void close() {
    await(VERTX.close());
  }

  @Test
  void everyOperationDueBeforeTheEndStartsWhenNothingHoldsItBack() {
    // 10 µs apart: the last ones fall due between the last tick before the end and the end.
    Phase phase = Phase.openLoop("instant", 100_000, 1_000_000, Duration.ofMillis(300));

    PhaseResult result = await(new LoadGenerator(VERTX).run("test", phase, index -> Future.succeededFuture()));

    assertThat(result.missed()).isZero();
    assertThat(result.ok()).isEqualTo(30_000);
    assertThat(result.errors()).isZero();
  }

  @Test
  void anOperationTheCapKeepsWaitingPastTheEndIsMissed() {
    Phase phase = Phase.openLoop("stuck", 1_000, 5, Duration.ofMillis(200));

    // The first five hold every slot until after the end: the other 195 are missed, none of them sent late.
    PhaseResult result = await(new LoadGenerator(VERTX).run("test", phase, index -> VERTX.timer(400)));

    assertThat(result.missed()).isEqualTo(195);
    assertThat(result.ok()).isEqualTo(5);
  }
}
