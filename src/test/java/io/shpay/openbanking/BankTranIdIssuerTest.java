package io.shpay.openbanking;

import io.shpay.testing.Await;
import io.shpay.common.ids.DailyUniqueIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.redis.RedisClients;
import io.shpay.common.time.BankTime;
import io.shpay.testing.MutableClock;
import io.shpay.testing.RunningApp;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** bank_tran_id issuance against the real Redis and MySQL (the app only provides the migrated schema). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class BankTranIdIssuerTest {

  @RegisterExtension
  static final RunningApp SCHEMA = new RunningApp();

  /** A unique 10-character institution code per test keeps tests independent on a shared database. */
  private static String prefix() {
    String unique = "T" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    return (unique + "0000000000").substring(0, 10);
  }

  @Test
  void idsIssuedInParallelAreAllDistinctAndWellFormed(Vertx vertx, VertxTestContext ctx) {
    String prefix = prefix();
    Resources resources = new Resources(vertx);
    BankTranIdIssuer issuer = new BankTranIdIssuer(resources.redis, resources.pool, new BankTime(java.time.Clock.systemUTC()));
    List<Future<DailyUniqueIds.Issued>> issued = IntStream.range(0, 200).mapToObj(i -> issuer.issue(prefix)).toList();
    Future.all(issued).eventually(resources::close).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      Set<String> ids = new HashSet<>();
      issued.forEach(f -> ids.add(f.result().id()));
      assertThat(ids).hasSize(200);
      assertThat(ids).allSatisfy(id -> assertThat(id).matches(prefix + "U[A-Z0-9]{9}"));
      ctx.completeNow();
    })));
  }

  @Test
  void crossingMidnightInSeoulStartsANewDayWhereAnIdMayBeUsedAgain(Vertx vertx, VertxTestContext ctx) {
    String prefix = prefix();
    // 23:59:59.500 in Seoul is 14:59:59.500 UTC.
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:59:59.500Z"));
    Resources resources = new Resources(vertx);
    BankTranIdIssuer issuer = new BankTranIdIssuer(resources.redis, resources.pool, new BankTime(clock), fixed("SAMEIDXYZ"));
    issuer.issue(prefix).compose(lastOfDay -> {
      clock.advance(Duration.ofSeconds(1));
      return issuer.issue(prefix).map(firstOfNextDay -> List.of(lastOfDay, firstOfNextDay));
    }).eventually(resources::close).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      assertThat(both.get(0).id()).isEqualTo(both.get(1).id());
      assertThat(both.get(0).day()).isEqualTo(LocalDate.parse("2026-11-21"));
      assertThat(both.get(1).day()).isEqualTo(LocalDate.parse("2026-11-22"));
      ctx.completeNow();
    })));
  }

  @Test
  void theRedisClaimExpiresAtTheNextSeoulMidnightAndNeverHasAZeroTtl(Vertx vertx, VertxTestContext ctx) {
    String prefix = prefix();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T14:59:59.999Z")); // 23:59:59.999 KST
    Resources resources = new Resources(vertx);
    BankTranIdIssuer issuer = new BankTranIdIssuer(resources.redis, resources.pool, new BankTime(clock), fixed("TTLCHECK1"));
    issuer.issue(prefix)
        .compose(id -> resources.redis.pttl("shpay:bank-tran-id:20261121:" + id.id()))
        .eventually(resources::close)
        .onComplete(ctx.succeeding(pttl -> ctx.verify(() -> {
          assertThat(pttl.toLong()).isBetween(1L, 1_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aRedisFlushMidDayStillYieldsNoDuplicate(Vertx vertx, VertxTestContext ctx) {
    String prefix = prefix();
    Resources resources = new Resources(vertx);
    // The second draw repeats the first; after Redis forgot the first, only MySQL can catch it.
    Deque<String> draws = new ArrayDeque<>(List.of("REPEAT000", "REPEAT000", "FRESH0001"));
    BankTranIdIssuer issuer = new BankTranIdIssuer(resources.redis, resources.pool,
        new BankTime(java.time.Clock.systemUTC()), draws::removeFirst);
    issuer.issue(prefix)
        .compose(first -> resources.redis.keys("shpay:bank-tran-id:*")
            .compose(keys -> keys.size() == 0 ? Future.succeededFuture()
                : resources.redis.del(keys.stream().map(Object::toString).toList()))
            .compose(flushed -> issuer.issue(prefix))
            .map(second -> List.of(first.id(), second.id())))
        .eventually(resources::close)
        .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
          assertThat(ids.get(0)).isEqualTo(prefix + "UREPEAT000");
          assertThat(ids.get(1)).isEqualTo(prefix + "UFRESH0001");
          ctx.completeNow();
        })));
  }

  private static Supplier<String> fixed(String part) {
    return () -> part;
  }

  /** Real clients to the test servers. */
  @Test
  void idsOfDaysBeforeYesterdayArePurgedAndYesterdaysAndTodaysStay(Vertx vertx) throws Exception {
    String prefix = prefix();
    Instant today = Instant.now();
    MutableClock clock = new MutableClock(today.minus(Duration.ofDays(3)));
    Resources resources = new Resources(vertx);
    BankTranIdIssuer issuer = new BankTranIdIssuer(resources.redis, resources.pool, new BankTime(clock));
    String threeDaysAgo = await(issuer.issue(prefix)).id();
    clock.set(today.minus(Duration.ofDays(1)));
    String yesterday = await(issuer.issue(prefix)).id();
    clock.set(today);
    String now = await(issuer.issue(prefix)).id();

    assertThat(await(issuer.purgeOldDays())).isGreaterThanOrEqualTo(1L);

    var left = await(resources.pool.preparedQuery("SELECT bank_tran_id FROM bank_tran_ids WHERE bank_tran_id LIKE ?")
        .execute(io.vertx.sqlclient.Tuple.of(prefix + "%")));
    Set<String> kept = new HashSet<>();
    left.forEach(row -> kept.add(row.getString("bank_tran_id")));
    await(resources.close());
    assertThat(kept).containsExactlyInAnyOrder(yesterday, now).doesNotContain(threeDaysAgo);
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(30));
  }

  private static final class Resources {
    final RedisAPI redis;
    final Pool pool;

    Resources(Vertx vertx) {
      // The production client settings: the parallel test needs a waiting queue as deep as the service has.
      redis = RedisClients.api(vertx, new ShpayConfig.Redis(TestServers.get().redisUri(), 8));
      pool = MySQLBuilder.pool().with(new PoolOptions().setMaxSize(8).setMaxWaitQueueSize(1_000))
          .connectingTo(TestServers.get().mysqlUri()).using(vertx).build();
    }

    Future<Void> close() {
      redis.close();
      return pool.close();
    }
  }
}
