package io.shpay.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives one {@link Operation} through a {@link Phase} on a single event loop of the bench's own Vert.x.
 *
 * <p><b>Open loop</b> (the default for SH Pay's API): operation {@code i} is due at {@code start + i / rate},
 * whatever happened to the ones before it, as real users arrive. Its latency is measured from that intended time,
 * not from when it was actually sent, so a stall of the service shows up in every operation that was due during it
 * (no coordinated omission). In-flight operations are capped so a dead service cannot make the generator pile up
 * unbounded work: a due operation that finds the cap full waits for a slot and that wait is in its latency; one
 * still waiting when the phase ends is counted as <i>missed</i>.
 *
 * <p><b>Closed loop</b> ({@code rate} 0): N workers, each starting its next operation when the previous one ends.
 * That measures capacity (throughput at saturation), used for the I/O floor and the id issuers, where the question is
 * "how many per second at most" rather than "how fast at a given arrival rate". Latency is from the actual start.
 *
 * <p>Operations still running {@link #DRAIN} after the phase ended count as errors.
 */
public final class LoadGenerator {

  static final long DRAIN = TimeUnit.SECONDS.toNanos(30);

  private final Vertx vertx;

  public LoadGenerator(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs {@code phase}; the future completes (on the generator's event loop) when every operation has settled. */
  public Future<PhaseResult> run(String scenario, Phase phase, Operation operation) {
    Context context = vertx.getOrCreateContext();
    Promise<PhaseResult> done = Promise.promise();
    context.runOnContext(ignored -> new Run(scenario, phase, operation, done).start());
    return done.future();
  }

  /** Blocks the calling (non event-loop) thread until the phase is done. */
  public PhaseResult runBlocking(String scenario, Phase phase, Operation operation) {
    try {
      return run(scenario, phase, operation).toCompletionStage().toCompletableFuture()
          .get(phase.duration().toSeconds() + TimeUnit.NANOSECONDS.toSeconds(DRAIN) + 60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(scenario + " / " + phase.name() + " did not finish: " + e, e);
    }
  }

  private final class Run {
    private final String scenario;
    private final Phase phase;
    private final Operation operation;
    private final Promise<PhaseResult> done;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final Map<String, Long> errorKinds = new HashMap<>();
    private Context context;
    private long start;
    private long end;
    private long intervalNanos;
    private long next;
    private long inFlight;
    private long ok;
    private long errors;
    private long lastCompletion;
    private long timer = -1;
    /** Open loop: no operation starts any more (the first pump at or after the end has run). */
    private boolean closed;
    private boolean finished;

    Run(String scenario, Phase phase, Operation operation, Promise<PhaseResult> done) {
      this.scenario = scenario;
      this.phase = phase;
      this.operation = operation;
      this.done = done;
    }

    void start() {
      context = vertx.getOrCreateContext();
      start = System.nanoTime();
      end = start + phase.duration().toNanos();
      lastCompletion = start;
      if (phase.open()) {
        intervalNanos = Math.max(1, TimeUnit.SECONDS.toNanos(1) / phase.rate());
        timer = vertx.setPeriodic(1, id -> pump());
        pump();
      } else {
        for (int worker = 0; worker < phase.concurrency(); worker++) {
          launchClosed();
        }
      }
      vertx.setTimer(TimeUnit.NANOSECONDS.toMillis(end - start + DRAIN) + 1, id -> finish());
    }

    /**
     * Open loop: starts every operation whose time has come, while the cap allows. The timer ticks every millisecond,
     * so the first pump at or after the end still starts the operations that fell due since the one before (late by
     * under a tick, timed from when they were due); then the loop is closed, and an operation due before the end that
     * found no slot by then is missed, not sent late.
     */
    private void pump() {
      long now = System.nanoTime();
      while (!closed && inFlight < phase.concurrency()) {
        long intended = start + next * intervalNanos;
        if (intended > now || intended >= end) {
          break;
        }
        launch(next++, intended);
      }
      if (now >= end && !closed) {
        closed = true;
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (closed) {
        maybeFinish();
      }
    }

    private void launchClosed() {
      if (System.nanoTime() >= end) {
        maybeFinish();
        return;
      }
      launch(next++, System.nanoTime());
    }

    private void launch(long index, long intended) {
      inFlight++;
      Future<?> result;
      try {
        result = operation.run(index);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(outcome -> context.runOnContext(ignored -> settle(outcome.failed()
          ? outcome.cause() : null, intended)));
    }

    /** Back on the generator's context (operations may complete on other threads). */
    private void settle(Throwable failure, long intended) {
      if (finished) {
        return;
      }
      long now = System.nanoTime();
      inFlight--;
      lastCompletion = now;
      if (failure == null) {
        ok++;
        latency.recordNanos(now - intended);
      } else {
        errors++;
        String kind = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        errorKinds.merge(kind.length() > 160 ? kind.substring(0, 160) : kind, 1L, Long::sum);
      }
      if (phase.open()) {
        pump();
        maybeFinish();
      } else {
        launchClosed();
      }
    }

    private void maybeFinish() {
      if (inFlight == 0 && System.nanoTime() >= end) {
        finish();
      }
    }

    private void finish() {
      if (finished) {
        return;
      }
      finished = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      long missed = 0;
      if (phase.open()) {
        long due = (end - start + intervalNanos - 1) / intervalNanos;
        missed = Math.max(0, due - next);
      }
      if (inFlight > 0) {
        errors += inFlight;
        errorKinds.merge("still running " + TimeUnit.NANOSECONDS.toSeconds(DRAIN) + " s after the phase ended",
            inFlight, Long::sum);
      }
      Map<String, Long> top = new LinkedHashMap<>();
      errorKinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
          .forEach(e -> top.put(e.getKey(), e.getValue()));
      double seconds = (Math.max(lastCompletion, Math.min(end, System.nanoTime())) - start) / 1e9;
      done.complete(new PhaseResult(scenario, phase, ok, errors, missed, seconds, latency.summary(), top,
          new JsonObject()));
    }
  }
}
