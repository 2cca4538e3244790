package io.shpay.common.db;

import io.shpay.common.config.ShpayConfig;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The reactive MySQL pools: one process-wide pool the verticles with light database work share, and pools of their
 * own for each payment verticle instance and the history consumer, whose connections stay on their event loop.
 */
public final class Database {

  /** Verticles that ask for the pool by this name share one set of connections per process. */
  public static final String POOL_NAME = "shpay-mysql";

  private Database() {}

  public static Pool pool(Vertx vertx, ShpayConfig.Mysql config) {
    return pool(vertx, config, new PoolOptions().setName(POOL_NAME).setShared(true), config.poolSize());
  }

  /**
   * A pool of {@code size} connections for the calling verticle alone: its connections live on that verticle's
   * event loop (no hop to another loop per query), and its load queues apart from the process-wide pool's.
   */
  public static Pool ownPool(Vertx vertx, ShpayConfig.Mysql config, int size) {
    return pool(vertx, config, new PoolOptions().setShared(false), size);
  }

  /**
   * A pool of its own for one of {@code instances} instances of the payment verticle, for its statements outside
   * transactions (reads, a checkout's insert): half of {@code mysql.poolSize} between them, at least two each.
   */
  public static Pool instancePool(Vertx vertx, ShpayConfig.Mysql config, int instances) {
    return ownPool(vertx, config, instanceShare(config.poolSize() / 2, instances));
  }

  /**
   * The transactions of one of {@code instances} instances of the payment verticle (the pay's record and settlement,
   * every settlement): with {@link #instancePool} they hold {@code mysql.poolSize} connections, half of them here.
   */
  public static ImplicitTransactions instanceTransactions(Vertx vertx, ShpayConfig.Mysql config, int instances) {
    int size = instanceShare(config.poolSize() - config.poolSize() / 2, instances);
    return ImplicitTransactions.create(vertx, MysqlUri.from(config).connectOptions(),
        sized(new PoolOptions().setShared(false), size, config));
  }

  /**
   * The outbox relay's one connection, READ COMMITTED for its whole session (see {@code OutboxRelay}), so a round is
   * its statements and the {@code COMMIT}: no isolation level and no {@code BEGIN} sent each time.
   */
  public static ImplicitTransactions relayTransactions(Vertx vertx, ShpayConfig.Mysql config) {
    return ImplicitTransactions.create(vertx, MysqlUri.from(config).connectOptions(),
        sized(new PoolOptions().setShared(false), 1, config), "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
  }

  /** One instance's part of {@code connections}, at least two. */
  private static int instanceShare(int connections, int instances) {
    return Math.max(2, (connections + instances - 1) / instances);
  }

  private static Pool pool(Vertx vertx, ShpayConfig.Mysql config, PoolOptions poolOptions, int size) {
    return MySQLBuilder.pool()
        .with(sized(poolOptions, size, config))
        .connectingTo(MysqlUri.from(config).connectOptions())
        .using(vertx)
        .build();
  }

  static PoolOptions sized(PoolOptions poolOptions, int size, ShpayConfig.Mysql config) {
    return poolOptions
        .setMaxSize(size)
        // A bounded queue turns overload into fast failures (503) instead of unbounded latency. Bounded by the
        // process's connections, not this pool's share of them: a pool of a few connections serves as many requests
        // in flight as the process takes (a bound of 64 per connection refused pays at 1,000/s offered).
        .setMaxWaitQueueSize(config.poolSize() * 64)
        .setConnectionTimeout(5)
        .setIdleTimeout(300);
  }
}
