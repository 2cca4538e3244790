package io.shpay.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits on the test thread for a {@link Future}, so a test reads as a flat sequence of steps instead
 * of a pyramid of {@code compose} lambdas (which also made javac's overload resolution exponential).
 * The wait is bounded: a future that fails or does not finish in time fails the test with its cause.
 */
public final class Await {

  /** Longer than {@link Eventually}'s own 30 s, so its message is the one a test shows. */
  public static final Duration BOUND = Duration.ofSeconds(60);

  private Await() {}

  /** The future's result, waiting at most {@link #BOUND}. */
  public static <T> T await(Future<T> future) {
    return await(future, BOUND);
  }

  /** The future's result, waiting at most {@code bound}; an {@link AssertionError} naming the cause otherwise. */
  public static <T> T await(Future<T> future, Duration bound) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("await blocks; call it from the test thread, never from an event loop");
    }
    try {
      return future.toCompletionStage().toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      throw new AssertionError("the awaited step failed: " + cause, cause);
    } catch (TimeoutException late) {
      throw new AssertionError("the awaited step did not finish within " + bound, late);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while awaiting a step", interrupted);
    }
  }
}
