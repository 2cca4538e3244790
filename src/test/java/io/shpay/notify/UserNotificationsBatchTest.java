package io.shpay.notify;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The notify consumer's batch: one pipelined write to the real Redis, in order, each notification once. */
class UserNotificationsBatchTest {

  private static Vertx vertx;
  private static Redis client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = Redis.createClient(vertx, TestServers.get().redisUri());
  }

  @AfterAll
  static void stop() {
    client.close();
    await(vertx.close());
  }

  @Test
  void aBatchAppendsToEachUsersStreamInListOrderAndARedeliveryOnce() {
    UserNotifications notifications = new UserNotifications(client, Duration.ofMinutes(1));
    String alice = UUID.randomUUID().toString();
    String bob = UUID.randomUUID().toString();
    List<UserNotifications.Notification> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(new UserNotifications.Notification(i % 2 == 0 ? alice : bob, UUID.randomUUID().toString(),
          "payment.approved", new JsonObject().put("n", i)));
    }
    await(notifications.publishAll(List.of(batch.get(0))));

    await(notifications.publishAll(batch));

    assertThat(numbers(alice)).containsExactly(0, 2, 4);
    assertThat(numbers(bob)).containsExactly(1, 3);
  }

  /** The {@code n} of each entry in the user's stream, oldest first. */
  private static List<Integer> numbers(String userId) {
    Response entries = await(RedisAPI.api(client).xrange(List.of(UserNotifications.streamKey(userId), "-", "+")));
    List<Integer> numbers = new ArrayList<>();
    for (Response entry : entries) {
      Response fields = entry.get(1);
      for (int i = 0; i < fields.size(); i += 2) {
        if ("data".equals(fields.get(i).toString())) {
          numbers.add(new JsonObject(fields.get(i + 1).toString()).getInteger("n"));
        }
      }
    }
    return numbers;
  }
}
