package io.shpay.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/**
 * The probes and metrics server of a process without the API role (the history worker), on
 * {@code http.port}: {@code /health/live}, {@code /health/ready}, {@code /metrics} and nothing else.
 */
public final class OperationsVerticle extends VerticleBase {

  private final ShpayConfig config;
  private final PrometheusMeterRegistry metrics;
  private HttpServer server;
  private Pool pool;
  private ReadinessChecks readiness;

  public OperationsVerticle(ShpayConfig config, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config.mysql());
    HealthChecks checks = HealthChecks.create(vertx);
    readiness = ReadinessChecks.register(vertx, checks, pool, RedisClients.api(vertx, config.redis()), config.kafka());
    ProblemHandler problems = new ProblemHandler();
    Router router = Router.router(vertx);
    OperationsEndpoints.mount(router, checks, metrics);
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    return vertx.createHttpServer().requestHandler(router)
        .listen(config.http().port(), config.http().host())
        .onSuccess(listening -> server = listening);
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return Future.join(server == null ? Future.succeededFuture() : server.close(), readiness.close(), pool.close());
  }
}
