package io.shpay.openbanking;

import io.shpay.testing.Await;
import io.shpay.common.ids.DailyUniqueIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.redis.RedisClients;
import io.shpay.common.time.BankTime;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
  void theNineCharactersAreTheSequenceInBase36() {
    assertThat(BankTranIdIssuer.sequencePart(1)).isEqualTo("000000001");
    assertThat(BankTranIdIssuer.sequencePart(36L * 36 - 1)).isEqualTo("0000000ZZ");
    assertThat(BankTranIdIssuer.sequencePart(101_559_956_668_415L)).isEqualTo("ZZZZZZZZZ");
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
