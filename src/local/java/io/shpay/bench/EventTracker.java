package io.shpay.bench;

import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario (b)'s bookkeeping: pay request sent → SSE event per payment, pay answer → history row for the sampled
 * ones. The SSE figure starts at the send: the event is published when the payment commits, before the answer has
 * travelled back, so timed from the answer it would mostly read 0.
 * Pay answers come from the load generator's event loop and SSE frames from the stream client's, so the maps are
 * guarded by this object's lock: an event usually arrives before its pay answer has been read, and is then kept
 * until the answer shows up, which says when its request was sent.
 */
final class EventTracker {

  private final BenchContext ctx;
  private final Map<String, Long> waiting = new HashMap<>();
  private final Map<String, Long> early = new HashMap<>();
  private final LatencyRecorder toSse = new LatencyRecorder();
  private final LatencyRecorder toHistory = new LatencyRecorder();
  private final AtomicLong expected = new AtomicLong();
  private final AtomicLong historySampled = new AtomicLong();
  private final AtomicLong historyPending = new AtomicLong();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong pollsFailed = new AtomicLong();
  private volatile boolean armed;
  private volatile boolean closed;

  EventTracker(BenchContext ctx) {
    this.ctx = ctx;
  }

  /** From now on events count; what the warm-up left behind is forgotten. */
  synchronized void arm() {
    early.clear();
    armed = true;
  }

  /** A frame from any user's stream. */
  void arrived(JsonObject data) {
    long now = System.nanoTime();
    String paymentId = data.getString("paymentId");
    if (!armed || paymentId == null) {
      return;
    }
    synchronized (this) {
      Long sent = waiting.remove(paymentId);
      if (sent != null) {
        toSse.recordNanos(now - sent);
      } else if (early.size() < 100_000) {
        early.put(paymentId, now);
      }
    }
  }

  /**
   * A payment whose pay request was sent at {@code sent} and approved at {@code answered}; with {@code historyToken}
   * its history row is polled for as well.
   */
  void expect(String paymentId, long sent, long answered, String historyToken) {
    expected.incrementAndGet();
    synchronized (this) {
      Long arrived = early.remove(paymentId);
      if (arrived != null) {
        toSse.recordNanos(arrived - sent);
      } else {
        waiting.put(paymentId, sent);
      }
    }
    if (historyToken != null) {
      historySampled.incrementAndGet();
      historyPending.incrementAndGet();
      poll(paymentId, answered, historyToken);
    }
  }

  /** The newest 20 rows are enough: a user gets a few payments a second here, and the row is looked for at once. */
  private void poll(String paymentId, long answered, String token) {
    if (closed) {
      return;
    }
    ctx.request(HttpMethod.GET, "/api/v1/payments?limit=20").bearerTokenAuthentication(token).send()
        .onComplete(result -> {
          long now = System.nanoTime();
          boolean ok = result.succeeded() && result.result().statusCode() == 200;
          polls.incrementAndGet();
          if (!ok) {
            pollsFailed.incrementAndGet(); // counted, so a slow row cannot be mistaken for a refused poll
          }
          JsonArray items = ok ? result.result().bodyAsJsonObject().getJsonArray("items", new JsonArray())
              : new JsonArray();
          if (items.stream().anyMatch(item -> paymentId.equals(((JsonObject) item).getString("paymentId")))) {
            toHistory.recordNanos(now - answered);
            historyPending.decrementAndGet();
          } else {
            // 20 ms for the first second, then 200 ms: a lagging history would otherwise be polled hundreds of times
            // a second (a 60 s run at 20 ms throughout made 45,000 polls), and that load would feed the lag it measures.
            long pause = now - answered < TimeUnit.SECONDS.toNanos(1) ? EventLatencyScenario.POLL_MILLIS
                : EventLatencyScenario.SLOW_POLL_MILLIS;
            ctx.vertx().setTimer(pause, id -> poll(paymentId, answered, token));
          }
        });
  }

  /**
   * Waits up to {@code graceNanos} for the last events and rows, then {@code phase} with the missing ones added to
   * its errors and both latencies in its extra.
   */
  PhaseResult finish(PhaseResult phase, long graceNanos) {
    long deadline = System.nanoTime() + graceNanos;
    Promise<Void> drained = Promise.promise();
    ctx.vertx().setPeriodic(20, 20, id -> {
      if ((pendingEvents() == 0 && historyPending.get() == 0) || System.nanoTime() >= deadline) {
        ctx.vertx().cancelTimer(id);
        closed = true;
        drained.complete();
      }
    });
    BenchContext.await(drained.future());
    long missingEvents = pendingEvents();
    long missingRows = historyPending.get();
    Map<String, Long> kinds = new LinkedHashMap<>(phase.errorKinds());
    String grace = TimeUnit.NANOSECONDS.toSeconds(graceNanos) + " s after the phase";
    if (missingEvents > 0) {
      kinds.put("no SSE event " + grace, missingEvents);
    }
    if (missingRows > 0) {
      kinds.put("no history row " + grace, missingRows);
    }
    return new PhaseResult(phase.scenario(), phase.phase(), phase.ok(), phase.errors() + missingEvents + missingRows,
        phase.missed(), phase.seconds(), phase.latency(), kinds, phase.extra().copy()
        .put("answerToSse", toSse.summary()).put("answerToHistory", toHistory.summary())
        .put("events", new JsonObject().put("expected", expected.get()).put("missing", missingEvents))
        .put("history", new JsonObject().put("sampled", historySampled.get()).put("missing", missingRows)
            .put("polls", polls.get()).put("pollsFailed", pollsFailed.get())));
  }

  private synchronized long pendingEvents() {
    return waiting.size();
  }
}
