package io.shpay.common.ops;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Counts the work a verticle has under way (bank calls and the writes that settle them), so that
 * stopping can wait for it: a pool closed under a bank call that just moved money would leave the
 * movement REQUESTED until the janitor finds it. The wait is bounded; what is still running then
 * is left to the janitor.
 */
public final class InFlightWork {

  private static final Logger LOG = LoggerFactory.getLogger(InFlightWork.class);

  private final String name;
  private int running;
  private final List<Promise<Void>> waiting = new ArrayList<>();

  public InFlightWork(String name) {
    this.name = name;
  }

  /** Runs {@code work}, counted until its future completes. */
  public <T> Future<T> track(Supplier<Future<T>> work) {
    synchronized (this) {
      running++;
    }
    Future<T> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    return started.andThen(done -> finished());
  }

  /** Completes once nothing is running, or after {@code bound}, whichever is first. */
  public Future<Void> drained(Vertx vertx, Duration bound) {
    Promise<Void> drained = Promise.promise();
    synchronized (this) {
      if (running == 0) {
        return Future.succeededFuture();
      }
      LOG.info("{}: waiting up to {} for {} calls under way", name, bound, running);
      waiting.add(drained);
    }
    long timer = vertx.setTimer(Math.max(1, bound.toMillis()), tick -> {
      if (drained.tryComplete()) {
        LOG.warn("{}: stopping with {} calls still under way; the janitor settles them", name, runningNow());
      }
    });
    return drained.future().andThen(done -> vertx.cancelTimer(timer));
  }

  private synchronized int runningNow() {
    return running;
  }

  private void finished() {
    List<Promise<Void>> toComplete = List.of();
    synchronized (this) {
      running--;
      if (running == 0 && !waiting.isEmpty()) {
        toComplete = List.copyOf(waiting);
        waiting.clear();
      }
    }
    toComplete.forEach(Promise::tryComplete);
  }
}
