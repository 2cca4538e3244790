package io.shpay.bench;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What one phase measured.
 *
 * @param ok          operations that succeeded
 * @param errors      operations that failed (an unexpected status, an exception, no answer before the drain timeout)
 * @param missed      open loop only: operations due before the end that never started because the in-flight cap
 *                    stayed full (the service fell behind the offered rate)
 * @param seconds     from the phase's start to its last completion
 * @param latency     from the intended start (open loop: the schedule, so queueing counts) or the actual start (closed)
 * @param errorKinds  failure messages and how often each happened (the most frequent few)
 * @param extra       scenario-specific measurements (a second latency, counts, ratios)
 */
public record PhaseResult(String scenario, Phase phase, long ok, long errors, long missed, double seconds,
    JsonObject latency, Map<String, Long> errorKinds, JsonObject extra) {

  public double throughput() {
    return seconds <= 0 ? 0 : ok / seconds;
  }

  public PhaseResult withExtra(JsonObject more) {
    return new PhaseResult(scenario, phase, ok, errors, missed, seconds, latency, errorKinds, extra.copy().mergeIn(more));
  }

  public JsonObject toJson() {
    JsonObject kinds = new JsonObject();
    errorKinds.forEach(kinds::put);
    return new JsonObject().put("scenario", scenario).put("phase", phase.name()).put("mode", phase.mode())
        .put("offeredRate", phase.rate()).put("concurrency", phase.concurrency())
        .put("durationSeconds", phase.duration().toMillis() / 1000.0)
        .put("ok", ok).put("errors", errors).put("missed", missed).put("elapsedSeconds", round(seconds))
        .put("throughputPerSecond", round(throughput())).put("latency", latency).put("errorKinds", kinds)
        .put("extra", extra);
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
