package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The fault settings. Tests set them from their own threads while the sandbox's context reads
 * them, so each pending fault is an immutable value swapped atomically in a concurrent map, and
 * "take one" is a single {@code computeIfPresent}: two requests never both consume the last one.
 */
final class FaultInjector implements KftcFaults {

  /** The codes a {@code failNext} answers with; {@code bankRspCode} null for non-bank errors. */
  record Failure(String rspCode, String bankRspCode) {
  }

  private record Pending<T>(T what, int times) {
  }

  private static final Pattern RSP_CODE = Pattern.compile("[A-Z][0-9]{4}");
  private static final Pattern BANK_RSP_CODE = Pattern.compile("[0-9]{3}");

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
  public void failNext(String path, int times, String rspCode, String bankRspCode) {
    checkPath(path);
    checkTimes(times);
    if (rspCode == null || !RSP_CODE.matcher(rspCode).matches()) {
      throw new IllegalArgumentException("rspCode must look like A0002 or O0001, got " + rspCode);
    }
    if (bankRspCode != null && !BANK_RSP_CODE.matcher(bankRspCode).matches()) {
      throw new IllegalArgumentException("bankRspCode must be 3 digits or null, got " + bankRspCode);
    }
    failures.put(path, new Pending<>(new Failure(rspCode, bankRspCode), times));
  }

  @Override
  public void dropNext(String path, int times) {
    checkPath(path);
    checkTimes(times);
    drops.put(path, new Pending<>(Boolean.TRUE, times));
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

  /** The failure this request must answer with, consuming one, or null. */
  Failure takeFailure(String path) {
    return take(failures, path);
  }

  /** Whether this request's answer must be dropped, consuming one. */
  boolean takeDrop(String path) {
    return take(drops, path) != null;
  }

  /** What is pending now, for {@code GET/POST /sandbox/faults}. */
  JsonObject snapshot() {
    JsonObject failNext = new JsonObject();
    failures.forEach((path, pending) -> failNext.put(path, new JsonObject()
        .put("times", pending.times())
        .put("rspCode", pending.what().rspCode())
        .put("bankRspCode", pending.what().bankRspCode())));
    JsonObject dropNext = new JsonObject();
    drops.forEach((path, pending) -> dropNext.put(path, new JsonObject().put("times", pending.times())));
    return new JsonObject().put("latencyMs", latency.toMillis()).put("failNext", failNext).put("dropNext", dropNext);
  }

  private static <T> T take(ConcurrentMap<String, Pending<T>> pendings, String path) {
    Object[] taken = new Object[1];
    pendings.computeIfPresent(path, (key, pending) -> {
      taken[0] = pending.what();
      return pending.times() > 1 ? new Pending<>(pending.what(), pending.times() - 1) : null;
    });
    @SuppressWarnings("unchecked")
    T what = (T) taken[0];
    return what;
  }

  private static void checkPath(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must be a request path such as /v2.0/transfer/withdraw/fin_num, got " + path);
    }
  }

  private static void checkTimes(int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
  }
}
