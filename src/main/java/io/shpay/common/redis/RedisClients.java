package io.shpay.common.redis;

import io.shpay.common.config.ShpayConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/** Builds the pooled Redis client used for commands (pub/sub needs its own connection; not here). */
public final class RedisClients {

  private RedisClients() {}

  public static RedisAPI api(Vertx vertx, ShpayConfig.Redis config) {
    return RedisAPI.api(client(vertx, config));
  }

  /** The pooled client itself, for pipelined batches ({@link Redis#batch}). */
  public static Redis client(Vertx vertx, ShpayConfig.Redis config) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(config.uri())
        .setMaxPoolSize(config.poolSize())
        .setMaxPoolWaiting(config.poolSize() * 64)
        .setMaxWaitingHandlers(4096);
    options.getNetClientOptions().setConnectTimeout(2000);
    return Redis.createClient(vertx, options);
  }
}
