package io.shpay.common.ids;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.redis.RedisClients;
import io.shpay.common.time.BankTime;
import io.shpay.testing.Await;
import io.shpay.testing.MutableClock;
import io.shpay.testing.RunningApp;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The hi/lo issuer against the real Redis and MySQL (the app only provides the migrated schema). Each test has a kind
 * of its own, so its sequence and reservations are its own on a shared server.
 */
@ExtendWith(VertxExtension.class)
class DailyUniqueIdsTest {

  @RegisterExtension
  static final RunningApp SCHEMA = new RunningApp();

  private RedisAPI redis;
  private Pool pool;
  private String kind;
  private String keyPrefix;

  @BeforeEach
  void connect(Vertx vertx) {
    // The production client settings: the parallel test needs a waiting queue as deep as the service has.
    redis = RedisClients.api(vertx, new ShpayConfig.Redis(TestServers.get().redisUri(), 8));
    pool = MySQLBuilder.pool().with(new PoolOptions().setMaxSize(8).setMaxWaitQueueSize(5_000))
        .connectingTo(TestServers.get().mysqlUri()).using(vertx).build();
    kind = "test-" + Long.toString(System.nanoTime(), 36);
    keyPrefix = "shpay:test-ids:" + kind + ":";
  }

  @AfterEach
  void close() {
    redis.close();
    await(pool.close());
  }

  private DailyUniqueIds issuer(Clock clock) {
    return new DailyUniqueIds(redis, pool, new BankTime(clock), keyPrefix, kind);
  }

  @Test
  void idsIssuedInParallelByTwoReplicasAreAllDistinct() {
    DailyUniqueIds one = issuer(Clock.systemUTC());
    DailyUniqueIds other = issuer(Clock.systemUTC());
    Set<String> ids = new HashSet<>();
    // Three rounds of 400 at once (what the clients' wait queues take), crossing blocks 1 and 2.
    for (int round = 0; round < 3; round++) {
      List<Future<DailyUniqueIds.Issued>> issued = new ArrayList<>();
      IntStream.range(0, 400).forEach(i -> issued.add((i % 2 == 0 ? one : other).issue(Long::toString)));
      await(Future.all(issued));
      issued.forEach(id -> ids.add(id.result().id()));
    }

    assertThat(ids).hasSize(1_200);
  }

  @Test
  void mysqlIsWrittenOncePerBlockOfIdsNotOncePerId() {
    DailyUniqueIds issuer = issuer(Clock.systemUTC());
    for (int i = 0; i < 2_500; i++) {
      await(issuer.issue(Long::toString));
    }

    // The sequence starts at block 1: 2,500 ids in a row span blocks 1, 2 and 3.
    assertThat(reservedBlocks()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void theSequenceGoesOnAcrossSeoulMidnightSoTheNextDayNeverRepeatsAnId() {
    // 23:59:59.500 in Seoul is 14:59:59.500 UTC.
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:59:59.500Z"));
    DailyUniqueIds issuer = issuer(clock);
    DailyUniqueIds.Issued lastOfDay = await(issuer.issue(Long::toString));
    clock.advance(Duration.ofSeconds(1));
    DailyUniqueIds.Issued firstOfNextDay = await(issuer.issue(Long::toString));

    assertThat(lastOfDay.dayText()).isEqualTo("20261121");
    assertThat(firstOfNextDay.dayText()).isEqualTo("20261122");
    assertThat(Long.parseLong(firstOfNextDay.id())).isGreaterThan(Long.parseLong(lastOfDay.id()));
  }

  @Test
  void aLostRedisSequenceStartsAgainPastEveryReservedBlockSoNoIdRepeats() {
    DailyUniqueIds issuer = issuer(Clock.systemUTC());
    DailyUniqueIds replica = issuer(Clock.systemUTC());
    Set<String> before = new HashSet<>();
    for (int i = 0; i < 1_200; i++) {
      before.add(await(issuer.issue(Long::toString)).id());
    }
    await(redis.del(List.of(keyPrefix + "sequence")));

    Set<String> after = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      after.add(await((i % 2 == 0 ? issuer : replica).issue(Long::toString)).id());
    }

    assertThat(after).hasSize(10).doesNotContainAnyElementsOf(before);
    // Blocks 1 and 2 were reserved before the loss: the new epoch starts at block 3.
    assertThat(after).allSatisfy(id -> assertThat(Long.parseLong(id)).isGreaterThanOrEqualTo(3 * DailyUniqueIds.BLOCK));
  }

  @Test
  void aBlockAnotherEpochReservedFirstIsSkippedNotShared() {
    DailyUniqueIds issuer = issuer(Clock.systemUTC());
    await(issuer.issue(Long::toString));
    String epoch = await(redis.hget(keyPrefix + "sequence", "epoch")).toString();
    // Another epoch of the sequence (started after a loss, while this one still ran) reserved block 2 first.
    await(pool.preparedQuery("INSERT INTO daily_id_blocks (kind, block, epoch, bank_day, reserved_at) "
        + "VALUES (?, 2, 'other', CURDATE(), NOW(3))").execute(Tuple.of(kind)));
    await(redis.hset(List.of(keyPrefix + "sequence", "n", Long.toString(2 * DailyUniqueIds.BLOCK - 1))));

    DailyUniqueIds.Issued next = await(issuer.issue(Long::toString));

    assertThat(Long.parseLong(next.id())).isEqualTo(3 * DailyUniqueIds.BLOCK + 1);
    assertThat(await(redis.hget(keyPrefix + "sequence", "epoch")).toString()).isEqualTo(epoch);
  }

  @Test
  void reservationsOfDaysBeforeYesterdayArePurgedButTheHighestStays() {
    Instant now = Instant.now();
    MutableClock clock = new MutableClock(now.minus(Duration.ofDays(3)));
    DailyUniqueIds issuer = issuer(clock);
    for (int i = 0; i < 1_100; i++) {
      await(issuer.issue(Long::toString)); // blocks 1 and 2, three days ago
    }
    clock.set(now);

    assertThat(await(issuer.purgeOldDays())).isEqualTo(1L);
    assertThat(reservedBlocks()).containsExactly(2L);
  }

  private List<Long> reservedBlocks() {
    List<Long> blocks = new ArrayList<>();
    for (Row row : await(pool.preparedQuery("SELECT block FROM daily_id_blocks WHERE kind = ? ORDER BY block")
        .execute(Tuple.of(kind)))) {
      blocks.add(row.getLong("block"));
    }
    return blocks;
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(60));
  }
}
