package io.shpay.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * (b) A payment's event reaching its user: {@value #USERS} users each hold a {@code GET /api/v1/notifications}
 * stream open while checkouts are paid at a modest fixed rate ({@code bench.eventRate}), round-robin across them.
 * Per payment it records pay request sent → the SSE frame with that payment id (the target: p99 under
 * 250 ms; from the send, because the frame usually reaches the stream before the pay answer reaches the bench);
 * for every {@value #HISTORY_SAMPLE}th payment it also polls the user's {@code GET /api/v1/payments} every
 * {@value #POLL_MILLIS} ms (every {@value #SLOW_POLL_MILLIS} ms after the first second) until the row appears
 * (sampled and slowed so the polling does not become the load).
 *
 * <p>The operation the load generator times is the checkout and the pay call; the event and history latencies ride
 * in the phase's extra. A payment whose event or sampled row has not arrived {@value #GRACE_SECONDS} s after the
 * phase ended counts as an error, so a lost event cannot hide behind a good p99.
 */
final class EventLatencyScenario implements Scenario {

  static final String ID = "event-latency";
  static final int USERS = 50;
  static final int HISTORY_SAMPLE = 10;
  static final int POLL_MILLIS = 20;
  static final int SLOW_POLL_MILLIS = 200;
  static final int GRACE_SECONDS = 5;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "(b) payment event to history row and to an SSE client";
  }

  @Override
  public List<PhaseResult> run(BenchContext ctx) {
    BenchOptions options = ctx.options();
    Population population = ctx.population();
    EventTracker tracker = new EventTracker(ctx);
    // Its own client: each open stream holds a connection for the whole run, which the API client's pool must not lose.
    HttpClient sse = ctx.vertx().createHttpClient(new HttpClientOptions().setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(USERS));
    ctx.closeLater(() -> BenchContext.await(sse.close()));
    URI base = URI.create(ctx.target().baseUrl());
    List<PaidCheckouts.Payer> users = population.payers().subList(0, Math.min(USERS, population.payers().size()));
    for (PaidCheckouts.Payer user : users) {
      BenchContext.await(SseStream.open(sse, base.getHost(), base.getPort() < 0 ? 80 : base.getPort(),
          user.accessToken(), tracker::arrived));
    }
    String run = UUID.randomUUID().toString().substring(0, 8);

    // The warm-up's events arrive untracked; it also gives each stream's server side time to subscribe.
    ctx.warmUp(ID, Phase.openLoop("warm-up", options.eventRate(), options.maxInFlight(),
        options.warmup()), new Pay(ctx, population, users, run + "-w", null));
    tracker.arm();
    Pay measured = new Pay(ctx, population, users, run + "-r", tracker);
    PhaseResult rate = ctx.measure(ID, Phase.openLoop("fixed rate", options.eventRate(),
        options.maxInFlight(), options.eventDuration()), measured);
    return List.of(tracker.finish(rate, TimeUnit.SECONDS.toNanos(GRACE_SECONDS))
        .withExtra(new JsonObject().put("payCall", measured.payCall.summary())));
  }

  /** One checkout paid by the next user; with a tracker, its event (and every 10th history row) is awaited. */
  private static final class Pay implements Operation {
    private final BenchContext ctx;
    private final Population population;
    private final List<PaidCheckouts.Payer> users;
    private final String prefix;
    private final EventTracker tracker;
    final LatencyRecorder payCall = new LatencyRecorder();

    Pay(BenchContext ctx, Population population, List<PaidCheckouts.Payer> users, String prefix,
        EventTracker tracker) {
      this.ctx = ctx;
      this.population = population;
      this.users = users;
      this.prefix = prefix;
      this.tracker = tracker;
    }

    @Override
    public Future<?> run(long index) {
      PaidCheckouts.Payer user = users.get((int) (index % users.size()));
      return PaidCheckouts.checkoutAndPay(ctx, population.apiKey(index), user, "bench-b-" + prefix + "-" + index).map(paid -> {
        payCall.recordNanos(paid.payNanos());
        if (tracker != null) {
          tracker.expect(paid.payment().getString("id"), paid.paySentAt(), paid.answeredAt(),
              index % HISTORY_SAMPLE == 0 ? user.accessToken() : null);
        }
        return paid.payment();
      });
    }
  }
}
