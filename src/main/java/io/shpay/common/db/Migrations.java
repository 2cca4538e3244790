package io.shpay.common.db;

import io.shpay.common.config.ShpayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned schema in {@code src/main/resources/db/migration} with Flyway. Flyway is
 * JDBC and blocking, so it runs on a worker thread, once, before any verticle is deployed.
 * Concurrent starts are safe: Flyway serialises migrations with a database lock.
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static Future<Void> apply(Vertx vertx, ShpayConfig.Mysql config) {
    return vertx.executeBlocking(() -> {
      MysqlUri uri = MysqlUri.from(config);
      // SH Pay's own class loader, not the thread's context one: Flyway finds the JDBC driver and its database
      // support through it, and a worker thread created by a thread outside SH Pay's (a test's, a pool's) can carry
      // a context loader that has neither ("No JDBC driver found", seen in the simulation's process restarts).
      MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(uri.jdbcUrl(), uri.user(), uri.password())
          .locations("classpath:db/migration")
          .connectRetries(10)
          .load()
          .migrate();
      LOG.info("Database schema at version {} ({} migrations applied) on {}",
          result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
          result.migrationsExecuted, uri);
      return null;
    }, false);
  }
}
