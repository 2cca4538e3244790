package io.shpay.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Latencies in microseconds in an HdrHistogram (3 significant digits, up to 10 minutes), safe to record from any
 * thread. A latency over the range is clamped to the range rather than lost.
 */
public final class LatencyRecorder {

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Histogram histogram = new Histogram(MAX_MICROS, 3);

  public synchronized void recordNanos(long nanos) {
    histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
  }

  public synchronized long count() {
    return histogram.getTotalCount();
  }

  /** {@code {count, p50Ms, p95Ms, p99Ms, p999Ms, maxMs, meanMs}}. */
  public synchronized JsonObject summary() {
    return new JsonObject()
        .put("count", histogram.getTotalCount())
        .put("p50Ms", ms(histogram.getValueAtPercentile(50)))
        .put("p95Ms", ms(histogram.getValueAtPercentile(95)))
        .put("p99Ms", ms(histogram.getValueAtPercentile(99)))
        .put("p999Ms", ms(histogram.getValueAtPercentile(99.9)))
        .put("maxMs", ms(histogram.getMaxValue()))
        .put("meanMs", Math.round(histogram.getMean()) / 1000.0);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
