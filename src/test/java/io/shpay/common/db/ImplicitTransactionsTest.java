package io.shpay.common.db;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shpay.common.config.ShpayConfig;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Transactions begun by their first statement, on the real MariaDB: each keeps its locks and its writes together until
 * {@code COMMIT} exactly as one begun by {@code BEGIN} does; with autocommit on, each statement would commit alone.
 */
class ImplicitTransactionsTest {

  private static final String TABLE = "implicit_tx_test";
  private static Vertx vertx;
  private static Pool plain;
  private static ImplicitTransactions transactions;

  @BeforeAll
  static void database() {
    vertx = Vertx.vertx();
    ShpayConfig.Mysql mysql = new ShpayConfig.Mysql(TestServers.get().mysqlUri(), Optional.empty(), 4, true);
    plain = Database.pool(vertx, mysql);
    transactions = Database.instanceTransactions(vertx, mysql, 1);
    await(plain.query("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(64) PRIMARY KEY, n INT NOT NULL)")
        .execute());
  }

  @AfterAll
  static void close() {
    await(plain.query("DROP TABLE IF EXISTS " + TABLE).execute());
    await(transactions.close());
    await(plain.close());
    await(vertx.close());
  }

  @Test
  void everyConnectionRunsWithAutocommitOff() {
    // Two at once, so both of the pool's connections are used, then again, when they come back from the pool.
    List<Future<Long>> reads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      reads.add(transactions.run(ImplicitTransactionsTest::autocommit));
    }
    await(Future.all(reads));

    assertThat(reads).allSatisfy(read -> assertThat(read.result()).isZero());
    assertThat(await(transactions.run(ImplicitTransactionsTest::autocommit))).isZero();
  }

  @Test
  void theWritesOfWorkThatSucceedsAreCommittedTogether() {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();

    await(transactions.run(connection -> insert(connection, first).compose(inserted -> insert(connection, second))));

    assertThat(stored(first)).isTrue();
    assertThat(stored(second)).isTrue();
  }

  @Test
  void theWritesOfWorkThatFailsAreRolledBack() {
    String written = UUID.randomUUID().toString();

    Future<Void> failed = transactions.run(connection -> insert(connection, written)
        .compose(inserted -> Future.<Void>failedFuture(new IllegalStateException("the bank said no"))));

    assertThatThrownBy(() -> await(failed)).hasRootCauseMessage("the bank said no");
    assertThat(stored(written)).as("no statement committed on its own").isFalse();
  }

  @Test
  void aRowLockedByTheFirstStatementStaysLockedUntilTheCommit() {
    String id = UUID.randomUUID().toString();
    await(plain.preparedQuery("INSERT INTO " + TABLE + " (id, n) VALUES (?, 0)").execute(Tuple.of(id)));
    Promise<Void> release = Promise.promise();
    Promise<Void> locked = Promise.promise();

    Future<Void> holder = transactions.run(connection -> lock(connection, id)
        .onSuccess(rows -> locked.complete())
        .compose(rows -> release.future()));
    await(locked.future());
    Long seenWhileHeld = await(plain.preparedQuery("SELECT COUNT(*) FROM " + TABLE
        + " WHERE id = ? FOR UPDATE SKIP LOCKED").execute(Tuple.of(id))).iterator().next().getLong(0);
    release.complete();
    await(holder);
    Long seenAfter = await(plain.preparedQuery("SELECT COUNT(*) FROM " + TABLE
        + " WHERE id = ? FOR UPDATE SKIP LOCKED").execute(Tuple.of(id))).iterator().next().getLong(0);

    assertThat(seenWhileHeld).as("locked by the open transaction").isZero();
    assertThat(seenAfter).as("free once it committed").isOne();
  }

  private static Future<Long> autocommit(SqlConnection connection) {
    return connection.query("SELECT @@autocommit").execute().map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<Void> insert(SqlConnection connection, String id) {
    return connection.preparedQuery("INSERT INTO " + TABLE + " (id, n) VALUES (?, 1)").execute(Tuple.of(id))
        .mapEmpty();
  }

  private static Future<Row> lock(SqlConnection connection, String id) {
    return connection.preparedQuery("SELECT id FROM " + TABLE + " WHERE id = ? FOR UPDATE").execute(Tuple.of(id))
        .map(rows -> rows.iterator().next());
  }

  private static boolean stored(String id) {
    return await(plain.preparedQuery("SELECT 1 FROM " + TABLE + " WHERE id = ?").execute(Tuple.of(id))).size() == 1;
  }
}
