package io.shpay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * A start that cannot finish says so: the caller (Main, which then exits with status 1, or a test) hears of the
 * failure, even though starting closes SH Pay's Vert.x on the way out.
 */
class FailedStartTest {

  @Test
  void aStartWhosePortIsTakenFailsInsteadOfHangingForever() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      Future<TestApp> started = TestApp.start(new JsonObject()
          .put("SHPAY_HTTP_HOST", "127.0.0.1")
          .put("SHPAY_HTTP_PORT", Integer.toString(taken.getLocalPort())));

      Throwable failure = started.toCompletionStage().toCompletableFuture()
          .handle((app, cause) -> cause).get(60, TimeUnit.SECONDS);

      assertThat(failure).as("the start's failure reaches the caller").isNotNull();
    }
  }
}
