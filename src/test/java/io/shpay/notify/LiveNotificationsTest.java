package io.shpay.notify;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.SseClient;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** {@code GET /api/v1/notifications}: each user's outcomes, live, replayable, and nobody else's. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveNotificationsTest {

  private static final String STREAM = "/api/v1/notifications";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(EventTopics.isolated()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,history")
      .put("SHPAY_NOTIFICATIONS_HEARTBEAT", "PT0.2S"), UnaryOperator.identity());

  private static Redis redisClient;
  private static RedisAPI redis;

  @BeforeAll
  static void redis() {
    redisClient = Redis.createClient(STACK.vertx(), TestServers.get().redisUri());
    redis = RedisAPI.api(redisClient);
  }

  @AfterAll
  static void closeRedis() {
    redisClient.close();
  }

  @Test
  void payingFromAKftcAccountNotifiesThePaymentOnlyNotAlsoItsTransfer() throws Exception {
    JsonObject user = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(1)));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    JsonObject merchant = await(STACK.merchant());
    SseClient stream = await(open(user, null));
    try {
      List<String> paymentIds = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String checkoutId = await(STACK.checkout(merchant, 1_200 + i));
        var paid = await(STACK.pay(user.getString("accessToken"), checkoutId, accountId, UUID.randomUUID().toString()));
        assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
        assertThat(paid.bodyAsJsonObject().getString("rail")).isEqualTo("KFTC");
        paymentIds.add(paid.bodyAsJsonObject().getString("id"));
      }
      // The second payment's event comes after everything the first one could have sent.
      await(stream.await(event -> event.event().equals("payment.approved")
          && event.data().contains(paymentIds.get(1)), "the second payment"));
      assertThat(stream.events()).extracting(SseClient.Event::event)
          .containsExactly("payment.approved", "payment.approved");
    } finally {
      stream.close();
    }
  }

  @Test
  void aPaymentOutcomeReachesItsUsersStreamAndNoOtherUsers() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject alice = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    JsonObject bob = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    SseClient aliceStream = await(open(alice, null));
    SseClient bobStream = await(open(bob, null));
    try {
      // Every outcome travels on one Redis channel, in publishing order, to one subscriber per process. Each payment
      // below is made only once the one before it reached its stream (so it was published), so when a stream has
      // its own later event, any earlier event of the other user would have reached it first.
      String alicePayment = await(STACK.paidCheckout(merchant, alice, 3_000));
      SseClient.Event event = await(aliceStream.await(seen -> isAbout(seen, alicePayment), "alice's payment"));
      String bobPayment = await(STACK.paidCheckout(merchant, bob, 4_000));
      await(bobStream.await(seen -> isAbout(seen, bobPayment), "bob's payment"));
      String aliceLater = await(STACK.paidCheckout(merchant, alice, 3_100));
      await(aliceStream.await(seen -> isAbout(seen, aliceLater), "alice's later payment"));

      assertThat(aliceStream.headers().get("Content-Type")).startsWith("text/event-stream");
      assertThat(event.event()).isEqualTo("payment.approved");
      assertThat(event.id()).matches("\\d+-\\d+");
      assertThat(event.json().getLong("amount")).isEqualTo(3_000L);
      assertThat(event.json().getString("status")).isEqualTo("APPROVED");
      assertThat(bobStream.events()).extracting(SseClient.Event::event).as("bob's stream: only bob's payment")
          .containsExactly("payment.approved");
      assertThat(bobStream.events()).noneMatch(seen -> isAbout(seen, alicePayment));
      assertThat(aliceStream.events()).as("alice's stream: only alice's two payments")
          .extracting(seen -> seen.json().getString("paymentId")).containsExactly(alicePayment, aliceLater);
    } finally {
      await(Future.join(aliceStream.close(), bobStream.close()));
    }
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsWhatItMissedOnce() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String userId = await(userId(user));

    SseClient first = await(open(user, null));
    String seenPayment = await(STACK.paidCheckout(merchant, user, 1_000));
    SseClient.Event seen = await(first.await(event -> isAbout(event, seenPayment), "the first payment"));
    await(first.close());

    // Two outcomes while no stream is open: the catch-up must bring both, in order, and not the one already seen.
    String missedFirst = await(STACK.paidCheckout(merchant, user, 2_000));
    String missedSecond = await(STACK.paidCheckout(merchant, user, 2_100));
    await(Eventually.until(STACK.vertx(), () -> redis.xlen(UserNotifications.streamKey(userId)),
        length -> length != null && length.toInteger() == 3, "published both missed outcomes"));
    SseClient again = await(open(user, seen.id()));
    try {
      await(again.await(event -> isAbout(event, missedSecond), "the second missed payment"));
      // A payment made after the catch-up comes live; once it is in, any repeat of the catch-up would be too.
      String livePayment = await(STACK.paidCheckout(merchant, user, 2_200));
      await(again.await(event -> isAbout(event, livePayment), "the payment after reconnecting"));

      // Two payments' events may be published in either order (Kafka keeps order per payment only); the stream
      // must follow the order they were published in, which is the user's Redis stream.
      List<String> published = new java.util.ArrayList<>();
      await(redis.xrange(List.of(UserNotifications.streamKey(userId), "-", "+")))
          .forEach(entry -> published.add(entry.get(0).toString()));
      assertThat(published).hasSize(4).startsWith(seen.id());
      assertThat(first.events()).extracting(event -> event.json().getString("paymentId")).containsExactly(seenPayment);
      assertThat(again.events()).as("what was missed, once each and in publishing order, then the live one")
          .extracting(SseClient.Event::id).containsExactlyElementsOf(published.subList(1, 4));
      assertThat(again.events()).extracting(event -> event.json().getString("paymentId"))
          .containsExactlyInAnyOrder(missedFirst, missedSecond, livePayment).endsWith(livePayment);
      assertThat(again.events()).extracting(SseClient.Event::event).containsOnly("payment.approved");
    } finally {
      await(again.close());
    }
  }

  @Test
  void theStreamSurvivesLosingItsRedisSubscription() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    SseClient stream = await(open(user, null));
    try {
      long killed = await(redis.client(List.of("KILL", "TYPE", "pubsub"))).toLong();
      assertThat(killed).as("SH Pay's subscriber connection was there to kill").isGreaterThanOrEqualTo(1L);
      String paymentId = await(STACK.paidCheckout(merchant, user, 1_500));
      await(stream.await(event -> isAbout(event, paymentId), "the payment after the outage"));
    } finally {
      await(stream.close());
    }
  }

  @Test
  void aTransferOutcomeIsStreamedToo() {
    String person = STACK.sandbox().bank().personIds().get(0);
    JsonObject user = await(STACK.linkedUser(person));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    SseClient stream = await(open(user, null));
    try {
      String transferId = await(STACK.transfer(user.getString("accessToken"), "withdraw",
          UUID.randomUUID().toString(), new JsonObject().put("accountId", accountId).put("amount", 5_000)))
          .bodyAsJsonObject().getString("id");
      SseClient.Event event = await(stream.await(seen -> seen.event().startsWith("transfer.")
          && transferId.equals(seen.json().getString("id")), "the transfer"));
      assertThat(event.event()).isEqualTo("transfer.approved");
      assertThat(event.json().getLong("amount")).isEqualTo(5_000L);
    } finally {
      await(stream.close());
    }
  }

  @Test
  void idleStreamsGetHeartbeats() {
    SseClient stream = await(open(await(STACK.api().newSession()), null));
    try {
      await(stream.awaitComment("keep-alive"));
    } finally {
      await(stream.close());
    }
  }

  @Test
  void aStreamNeedsASessionAndLastEventIdMustBeOneOfOurs() {
    JsonObject session = await(STACK.api().newSession());
    SseClient.StreamRefused anonymous = await(refusal(null, null));
    SseClient.StreamRefused badId = await(refusal(session.getString("accessToken"), "../etc"));
    assertThat(anonymous.status).isEqualTo(401);
    assertThat(badId.status).isEqualTo(400);
    assertThat(new JsonObject(badId.body).getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("Last-Event-ID");
  }

  private static Future<SseClient.StreamRefused> refusal(String accessToken, String lastEventId) {
    return SseClient.open(STACK.vertx(), STACK.app().port(), STREAM, accessToken, lastEventId).transform(opened ->
        opened.failed() && opened.cause() instanceof SseClient.StreamRefused refused
            ? Future.succeededFuture(refused)
            : Future.failedFuture(new AssertionError("the stream opened, or failed otherwise: " + opened.cause())));
  }

  private static Future<SseClient> open(JsonObject user, String lastEventId) {
    return SseClient.open(STACK.vertx(), STACK.app().port(), STREAM, user.getString("accessToken"), lastEventId);
  }

  private static Future<String> userId(JsonObject user) {
    return STACK.api().get("/api/v1/users/me", user.getString("accessToken"))
        .map(me -> me.bodyAsJsonObject().getString("id"));
  }

  private static boolean isAbout(SseClient.Event event, String paymentId) {
    return paymentId.equals(event.json().getString("paymentId"));
  }

}
