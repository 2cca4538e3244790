package io.shpay.common.db;

import io.vertx.core.Future;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;

/**
 * Transactions that begin with their first statement. {@code BEGIN} is a round trip of its own, and the pay runs two
 * short transactions, so two of its thirteen round trips were {@code BEGIN}s. These connections run with
 * {@code autocommit} off (set once, when each connects), so InnoDB starts the transaction at the first statement,
 * exactly as after a {@code BEGIN} (neither takes a snapshot or a lock before a statement reads), and
 * {@link #run} ends it with {@code COMMIT}, or {@code ROLLBACK} when the work failed.
 *
 * <p>The pool is not handed out: on such a connection a statement outside {@link #run} would open a transaction
 * nothing commits. A connection whose {@code SET autocommit = 0} failed never joins the pool (logged as an error):
 * in it, each statement would commit alone and a row lock would end with its {@code SELECT … FOR UPDATE}.
 */
public final class ImplicitTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(ImplicitTransactions.class);

  private final Pool pool;

  private ImplicitTransactions(Pool pool) {
    this.pool = pool;
  }

  /**
   * A pool of {@code poolOptions} whose connections each turn {@code autocommit} off, then apply
   * {@code sessionSettings} (e.g. an isolation level), before their first use.
   */
  static ImplicitTransactions create(io.vertx.core.Vertx vertx, SqlConnectOptions connectOptions,
      PoolOptions poolOptions, String... sessionSettings) {
    Pool pool = MySQLBuilder.pool()
        .with(poolOptions)
        .connectingTo(connectOptions)
        .withConnectHandler(connection -> setUpSession(connection, sessionSettings).onComplete(set -> {
          if (set.succeeded()) {
            connection.close(); // into the pool
          } else {
            // Not released: a connection that commits each statement must not run a transaction.
            LOG.error("A MySQL connection could not set up its session and is left out of the pool: {}",
                set.cause().toString());
          }
        }))
        .using(vertx)
        .build();
    return new ImplicitTransactions(pool);
  }

  private static Future<Void> setUpSession(SqlConnection connection, String... sessionSettings) {
    Future<?> done = connection.query("SET autocommit = 0").execute();
    for (String setting : sessionSettings) {
      done = done.compose(previous -> connection.query(setting).execute());
    }
    return done.mapEmpty();
  }

  /**
   * Runs {@code work} in one transaction on one connection: committed when its future succeeds, rolled back when it
   * fails (the failure is the answer either way, as with {@link Pool#withTransaction}).
   */
  public <T> Future<T> run(Function<SqlConnection, Future<T>> work) {
    return pool.withConnection(connection -> {
      Future<T> done;
      try {
        done = work.apply(connection);
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      return done.compose(
          result -> connection.query("COMMIT").execute().map(result),
          failure -> connection.query("ROLLBACK").execute()
              .transform(rolledBack -> Future.<T>failedFuture(failure)));
    });
  }

  public Future<Void> close() {
    return pool.close();
  }
}
