package io.shpay.sandbox.nh;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The fault settings. Tests set them from their own threads while the sandbox's context reads
 * them, so each pending fault is an immutable value swapped atomically in a concurrent map, and
 * "take one" is a single {@code computeIfPresent}: two calls never both consume the last one.
 */
final class FaultInjector implements NhFaults {

  /** What a {@code failNext} answers with; {@code rsms} null = the code's usual message. */
  record Failure(String rpcd, String rsms) {
  }

  private record Pending<T>(T what, int times) {
  }

  private static final Pattern RPCD = Pattern.compile("[0-9A-Z]{5}");
  private static final int RSMS_MAX = 100;

  private volatile Duration latency = Duration.ZERO;
  private final ConcurrentMap<String, Pending<Failure>> failures = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Pending<Boolean>> drops = new ConcurrentHashMap<>();

  @Override
  public void latency(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, got " + delay);
    }
    latency = delay;
  }

  @Override
  public void failNext(String apiNm, int times, String rpcd, String rsms) {
    checkApiNm(apiNm);
    checkTimes(times);
    if (rpcd == null || !RPCD.matcher(rpcd).matches()) {
      throw new IllegalArgumentException("rpcd must be 5 upper-case letters or digits such as E9999, got " + rpcd);
    }
    if (rsms != null && rsms.length() > RSMS_MAX) {
      throw new IllegalArgumentException("rsms must be at most " + RSMS_MAX + " characters, as on the wire");
    }
    failures.put(apiNm, new Pending<>(new Failure(rpcd, rsms), times));
  }

  @Override
  public void dropNext(String apiNm, int times) {
    checkApiNm(apiNm);
    checkTimes(times);
    drops.put(apiNm, new Pending<>(Boolean.TRUE, times));
  }

  @Override
  public void clear() {
    latency = Duration.ZERO;
    failures.clear();
    drops.clear();
  }

  Duration latency() {
    return latency;
  }

  /** The failure this call must answer with, consuming one, or null. */
  Failure takeFailure(String apiNm) {
    return take(failures, apiNm);
  }

  /** Whether this call's answer must be dropped, consuming one. */
  boolean takeDrop(String apiNm) {
    return take(drops, apiNm) != null;
  }

  /** What is pending now, for {@code GET/POST/DELETE /sandbox/faults}. */
  JsonObject snapshot() {
    JsonObject failNext = new JsonObject();
    failures.forEach((apiNm, pending) -> failNext.put(apiNm, new JsonObject()
        .put("times", pending.times())
        .put("rpcd", pending.what().rpcd())
        .put("rsms", pending.what().rsms())));
    JsonObject dropNext = new JsonObject();
    drops.forEach((apiNm, pending) -> dropNext.put(apiNm, new JsonObject().put("times", pending.times())));
    return new JsonObject().put("latencyMs", latency.toMillis()).put("failNext", failNext).put("dropNext", dropNext);
  }

  private static <T> T take(ConcurrentMap<String, Pending<T>> pendings, String apiNm) {
    Object[] taken = new Object[1];
    pendings.computeIfPresent(apiNm, (key, pending) -> {
      taken[0] = pending.what();
      return pending.times() > 1 ? new Pending<>(pending.what(), pending.times() - 1) : null;
    });
    @SuppressWarnings("unchecked")
    T what = (T) taken[0];
    return what;
  }

  private static void checkApiNm(String apiNm) {
    if (apiNm == null || !ApiNames.ALL.contains(apiNm)) {
      throw new IllegalArgumentException("apiNm must be an NH API name such as DrawingTransfer (no path, no .nh), got "
          + apiNm);
    }
  }

  private static void checkTimes(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
  }
}
