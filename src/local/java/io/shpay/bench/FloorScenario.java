package io.shpay.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * (e) The true floor: {@link FloorServer}, the least a correct payment server does for one paid checkout, driven by the
 * same load generator with the same two HTTP requests as scenario (a), on the same MariaDB, Kafka broker and NH
 * sandbox, in a JVM of its own. Phases as in (a): warm-up at the offered rate, a fixed-rate phase at
 * {@code bench.payRate} and a closed loop at saturation; each reports CPU per paid checkout per process, so the
 * report can put SH Pay's CPU and throughput against the floor's.
 */
final class FloorScenario implements Scenario {

  static final String ID = "floor";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "(e) true floor: the same paid checkout on a minimal correct server";
  }

  @Override
  public List<PhaseResult> run(BenchContext ctx) {
    BenchOptions options = ctx.options();
    String base = ctx.floorUrl().orElseGet(() -> {
      FloorServer.Running running = BenchContext.await(FloorServer.start(ctx.vertx(), 0, ctx.target().mysqlUri(),
          ctx.target().kafkaBootstrap(), ctx.target().nhBaseUrl(), options.amount()));
      ctx.closeLater(() -> BenchContext.await(running.stop().get()));
      return "http://127.0.0.1:" + running.port();
    });
    URI uri = URI.create(base);
    WebClient floor = WebClient.create(ctx.vertx(), new WebClientOptions().setDefaultHost(uri.getHost())
        .setDefaultPort(uri.getPort()).setKeepAlive(true).setTcpNoDelay(true).setIdleTimeout(60),
        new PoolOptions().setHttp1MaxSize(Math.max(options.maxInFlight(), options.workers())).setMaxWaitQueueSize(-1));
    ctx.closeLater(floor::close);
    long amount = options.amount();
    Operation pay = index -> floor.post("/api/v1/checkouts").putHeader("X-Api-Key", FloorServer.API_KEY).timeout(30_000)
        .sendJsonObject(new JsonObject().put("orderId", "floor-" + UUID.randomUUID()).put("amount", amount)
            .put("itemName", "Benchmark coffee"))
        .compose(created -> floor.post("/api/v1/checkouts/" + expect(created, 201).getString("id") + "/pay")
            .timeout(30_000).putHeader("Authorization", "Bearer floor").putHeader("Idempotency-Key",
                UUID.randomUUID().toString())
            .sendJsonObject(new JsonObject().put("accountId", "floor-account")))
        .map(paid -> {
          JsonObject payment = expect(paid, 200);
          if (!"APPROVED".equals(payment.getString("status"))) {
            throw new IllegalStateException("floor pay: " + payment.encode());
          }
          return payment;
        });
    List<PhaseResult> results = new ArrayList<>();
    ctx.warmUp(ID, Phase.openLoop("warm-up", options.payRate(), options.maxInFlight(), options.warmup()), pay);
    results.add(ctx.measure(ID, Phase.openLoop("fixed rate", options.payRate(), options.maxInFlight(),
        options.saturation()), pay));
    results.add(ctx.measure(ID, Phase.closedLoop("saturation", options.workers(), options.saturation()), pay));
    return results;
  }

  private static JsonObject expect(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("floor: HTTP " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }
}
