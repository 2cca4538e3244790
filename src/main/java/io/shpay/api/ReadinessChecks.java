package io.shpay.api;

import io.shpay.common.config.ShpayConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.Map;

/**
 * What {@code /health/ready} checks: that MySQL answers a query, Redis answers PING and the Kafka
 * cluster can be described. Each check has its own short timeout so a dead dependency turns the
 * probe DOWN quickly instead of hanging it.
 */
final class ReadinessChecks {

  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final KafkaAdminClient kafka;

  private ReadinessChecks(KafkaAdminClient kafka) {
    this.kafka = kafka;
  }

  static ReadinessChecks register(Vertx vertx, HealthChecks checks, Pool mysql, RedisAPI redis,
      ShpayConfig.Kafka kafkaConfig) {
    KafkaAdminClient kafka = KafkaAdminClient.create(vertx, Map.of(
        "bootstrap.servers", kafkaConfig.bootstrapServers(),
        "request.timeout.ms", "1500",
        "default.api.timeout.ms", "1800",
        "reconnect.backoff.max.ms", "1000"));
    checks.register("mysql", CHECK_TIMEOUT_MS, promise -> report(promise, mysql.query("SELECT 1").execute()));
    checks.register("redis", CHECK_TIMEOUT_MS, promise -> report(promise, redis.ping(List.of())));
    checks.register("kafka", CHECK_TIMEOUT_MS, promise -> report(promise, kafka.describeCluster()));
    return new ReadinessChecks(kafka);
  }

  Future<Void> close() {
    return kafka.close();
  }

  private static void report(Promise<Status> promise, Future<?> probe) {
    probe.onComplete(result -> promise.complete(result.succeeded()
        ? Status.OK()
        : Status.KO(new io.vertx.core.json.JsonObject().put("error", result.cause().getClass().getSimpleName()))));
  }
}
