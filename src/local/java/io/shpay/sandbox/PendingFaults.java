package io.shpay.sandbox;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The fault settings both sandboxes share: a latency, and failures and drops pending per
 * operation (a KFTC request path, an NH API name). Each sandbox only says which operation names
 * are valid and what a failure carries. Tests set these from their own threads while the
 * sandbox's context reads them, so each pending fault is an immutable value swapped atomically in
 * a concurrent map, and "take one" is a single {@code computeIfPresent}: two calls never both
 * consume the last one.
 *
 * @param <F> what an injected failure answers with
 */
public abstract class PendingFaults<F> {

  private record Pending<T>(T what, int times) {
  }

  private volatile Duration latency = Duration.ZERO;
  private final ConcurrentMap<String, Pending<F>> failures = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Pending<Boolean>> drops = new ConcurrentHashMap<>();

  /** Refuses an operation name this sandbox does not have, so a typo cannot silently inject nothing. */
  protected abstract void checkOperation(String operation);

  /** The failure's own fields as {@code GET /sandbox/faults} shows them, after {@code times}. */
  protected abstract JsonObject describe(F failure);

  public void latency(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + delay);
    }
    latency = delay;
  }

  /**
   * Checks the operation, then {@code times}, then builds the failure (which checks its own
   * fields), in that order so the first thing wrong is the one reported.
   */
  protected final void failNext(String operation, int times, Supplier<F> failure) {
    checkOperation(operation);
    checkTimes(times);
    failures.put(operation, new Pending<>(failure.get(), times));
  }

  public void dropNext(String operation, int times) {
    checkOperation(operation);
    checkTimes(times);
    drops.put(operation, new Pending<>(Boolean.TRUE, times));
  }

  public void clear() {
    latency = Duration.ZERO;
    failures.clear();
    drops.clear();
  }

  public Duration latency() {
    return latency;
  }

  /** The failure this call must answer with, consuming one, or null. */
  public F takeFailure(String operation) {
    return take(failures, operation);
  }

  /** Whether this call's answer must be dropped, consuming one. */
  public boolean takeDrop(String operation) {
    return take(drops, operation) != null;
  }

  /** What is pending now, for {@code /sandbox/faults}. */
  public JsonObject snapshot() {
    JsonObject failNext = new JsonObject();
    failures.forEach((operation, pending) -> failNext.put(operation,
        new JsonObject().put("times", pending.times()).mergeIn(describe(pending.what()))));
    JsonObject dropNext = new JsonObject();
    drops.forEach((operation, pending) -> dropNext.put(operation, new JsonObject().put("times", pending.times())));
    return new JsonObject().put("latencyMs", latency.toMillis()).put("failNext", failNext).put("dropNext", dropNext);
  }

  private static <T> T take(ConcurrentMap<String, Pending<T>> pendings, String operation) {
    Object[] taken = new Object[1];
    pendings.computeIfPresent(operation, (key, pending) -> {
      taken[0] = pending.what();
      return pending.times() > 1 ? new Pending<>(pending.what(), pending.times() - 1) : null;
    });
    @SuppressWarnings("unchecked")
    T what = (T) taken[0];
    return what;
  }

  private static void checkTimes(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
  }
}
