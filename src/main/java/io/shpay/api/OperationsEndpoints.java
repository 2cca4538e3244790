package io.shpay.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** Probes and metrics, the same on the API and on processes that run without it. */
final class OperationsEndpoints {

  private OperationsEndpoints() {}

  static void mount(Router router, HealthChecks readiness, PrometheusMeterRegistry metrics) {
    router.get("/health/live").handler(ctx -> live(ctx));
    router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
  }

  /** The same, as the API's operations of shpay-v1.yaml. */
  static void mount(ApiOperations operations, HealthChecks readiness, PrometheusMeterRegistry metrics) {
    operations.on("liveness").handler(OperationsEndpoints::live);
    operations.on("readiness").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    operations.on("metrics").handler(PrometheusScrapingHandler.create(metrics));
  }

  private static void live(io.vertx.ext.web.RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }
}
