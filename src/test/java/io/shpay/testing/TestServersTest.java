package io.shpay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TestServersTest {

  private static TestServers servers;

  @BeforeAll
  static void startServers() {
    servers = TestServers.get();
  }

  @Test
  void the_same_servers_are_shared_by_the_whole_test_JVM() {
    assertThat(TestServers.get()).isSameAs(servers);
    assertThat(servers.mysqlDatabase()).matches("shpay_test_[a-z0-9]{8}");
    assertThat(servers.mysqlUri()).startsWith("mysql://").endsWith("/" + servers.mysqlDatabase());
  }

  @Test
  void the_fresh_MySQL_database_answers_a_query(Vertx vertx, VertxTestContext testContext) {
    Pool pool = MySQLBuilder.pool().connectingTo(servers.mysqlUri()).using(vertx).build();
    pool.query("SELECT 1 AS one, DATABASE() AS db, @@character_set_database AS charset").execute()
        .eventually(pool::close)
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          Row row = rows.iterator().next();
          assertThat(row.getInteger("one")).isEqualTo(1);
          assertThat(row.getString("db")).isEqualTo(servers.mysqlDatabase());
          assertThat(row.getString("charset")).isEqualTo("utf8mb4");
          testContext.completeNow();
        })));
  }

  @Test
  void Redis_answers_PING(Vertx vertx, VertxTestContext testContext) {
    Redis redis = Redis.createClient(vertx, servers.redisUri());
    redis.send(Request.cmd(Command.PING))
        .eventually(() -> {
          redis.close();
          return Future.succeededFuture();
        })
        .onComplete(testContext.succeeding(pong -> testContext.verify(() -> {
          assertThat(pong.toString()).isEqualTo("PONG");
          testContext.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void Kafka_delivers_a_produced_record_to_a_consumer(Vertx vertx, VertxTestContext testContext) {
    String topic = "shpay-test-" + UUID.randomUUID();
    String bootstrap = servers.kafkaBootstrap();
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", bootstrap));
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", bootstrap,
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "acks", "all"));
    KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", bootstrap,
        "group.id", "shpay-test-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"));

    consumer.handler(record -> testContext.verify(() -> {
      assertThat(record.key()).isEqualTo("payment-1");
      assertThat(record.value()).isEqualTo("{\"amount\":\"12.34\"}");
      Future.all(consumer.close(), producer.close(), admin.close())
          .onComplete(testContext.succeedingThenComplete());
    }));
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
        .compose(created -> consumer.subscribe(topic))
        .compose(subscribed -> producer.send(KafkaProducerRecord.create(topic, "payment-1", "{\"amount\":\"12.34\"}")))
        .onComplete(testContext.succeeding(metadata -> testContext.verify(() ->
            assertThat(metadata.getTopic()).isEqualTo(topic))));
  }

  @Test
  void a_cut_proxy_makes_Redis_unreachable_until_it_is_restored(Vertx vertx, VertxTestContext testContext) {
    URI redisUri = URI.create(servers.redisUri());
    int redisPort = redisUri.getPort() < 0 ? 6379 : redisUri.getPort();
    TcpProxy.start(vertx, redisUri.getHost(), redisPort).onComplete(testContext.succeeding(proxy -> {
      Redis redis = Redis.createClient(vertx, throughProxy(redisUri, proxy));
      ping(redis)
          .compose(pong -> {
            testContext.verify(() -> assertThat(pong.toString()).isEqualTo("PONG"));
            return proxy.cut();
          })
          .compose(cut -> ping(redis).transform(result -> {
            testContext.verify(() -> assertThat(result.failed())
                .as("PING through a cut proxy should fail, got %s", result.result())
                .isTrue());
            return proxy.restore();
          }))
          .compose(restored -> ping(redis))
          .eventually(() -> {
            redis.close();
            proxy.close();
            return Future.succeededFuture();
          })
          .onComplete(testContext.succeeding(pong -> testContext.verify(() -> {
            assertThat(pong.toString()).isEqualTo("PONG");
            testContext.completeNow();
          })));
    }));
  }

  private static Future<Response> ping(Redis redis) {
    return redis.send(Request.cmd(Command.PING));
  }

  /** The Redis URI with host and port replaced by the proxy's; user, password and database kept. */
  private static String throughProxy(URI redisUri, TcpProxy proxy) {
    try {
      return new URI(redisUri.getScheme(), redisUri.getUserInfo(), proxy.host(), proxy.port(), redisUri.getPath(),
          redisUri.getQuery(), null).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
