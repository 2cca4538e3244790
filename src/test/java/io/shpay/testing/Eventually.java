package io.shpay.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something another process or verticle does in its own time (a Kafka consumer writing a
 * row, a retry going out): asks again every 100 ms until the answer passes, at most about 30 s.
 * It waits for a condition, never for a duration, so a fast machine finishes at once.
 */
public final class Eventually {

  private static final int ATTEMPTS = 300;

  private Eventually() {}

  public static <T> Future<T> until(Vertx vertx, Supplier<Future<T>> ask, Predicate<T> done, String what) {
    return until(vertx, ask, done, what, ATTEMPTS);
  }

  private static <T> Future<T> until(Vertx vertx, Supplier<Future<T>> ask, Predicate<T> done, String what,
      int attemptsLeft) {
    return ask.get().transform(answer -> {
      if (answer.succeeded() && done.test(answer.result())) {
        return Future.succeededFuture(answer.result());
      }
      if (attemptsLeft == 0) {
        String last = answer.succeeded() ? String.valueOf(answer.result()) : answer.cause().toString();
        return Future.failedFuture(new AssertionError("never " + what + "; last answer: " + last));
      }
      return vertx.timer(100).compose(tick -> until(vertx, ask, done, what, attemptsLeft - 1));
    });
  }
}
