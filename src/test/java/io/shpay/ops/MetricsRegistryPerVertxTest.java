package io.shpay.ops;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shpay.ShpayApplication;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/**
 * Vert.x's Micrometer backends are kept in a JVM-wide map by registry name: a second Vert.x under
 * the same name records into the first one's registry and leaves its own empty, and closing either
 * closes the backend filed under that name. The tests (and the simulation) run several SH Pay
 * processes in one JVM; with one shared name, a CI run saw {@code /metrics} answer 200 with an
 * empty body while an earlier test's process was still up.
 */
class MetricsRegistryPerVertxTest {

  @Test
  void eachVertxRecordsIntoItsOwnRegistryAndClosingOneLeavesTheOther() {
    PrometheusMeterRegistry first = ShpayApplication.newRegistry();
    Vertx firstVertx = ShpayApplication.createVertx(first);
    PrometheusMeterRegistry second = ShpayApplication.newRegistry();
    Vertx secondVertx = ShpayApplication.createVertx(second);
    try {
      assertThat(second.scrape()).as("the second instance's own registry").contains("jvm_memory_used_bytes");

      await(firstVertx.close());

      assertThat(second.scrape()).as("after the first instance closed").contains("jvm_memory_used_bytes");
    } finally {
      await(secondVertx.close());
    }
  }
}
