package io.shpay.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.SseClient;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** {@code GET /api/v1/notifications}: each user's outcomes, live, replayable, and nobody else's. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
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
  void aPaymentOutcomeReachesItsUsersStreamAndNoOtherUsers(VertxTestContext ctx) {
    Future.all(STACK.merchant(), STACK.userWithFinAccount(STACK.richestNhAccount()),
        STACK.userWithFinAccount(STACK.richestNhAccount())).compose(all -> {
          JsonObject merchant = all.resultAt(0);
          JsonObject alice = all.resultAt(1);
          JsonObject bob = all.resultAt(2);
          return Future.all(open(alice, null), open(bob, null)).compose(streams -> {
            SseClient aliceStream = streams.resultAt(0);
            SseClient bobStream = streams.resultAt(1);
            // Alice pays first, then Bob: when Bob's own event is in, Alice's would have been before it.
            return STACK.paidCheckout(merchant, alice, 3_000).compose(alicePayment -> STACK.paidCheckout(merchant, bob, 4_000)
                .compose(bobPayment -> Future.all(
                        aliceStream.await(event -> isAbout(event, alicePayment), "alice's payment"),
                        bobStream.await(event -> isAbout(event, bobPayment), "bob's payment"))
                    .map(arrived -> {
                      SseClient.Event event = arrived.resultAt(0);
                      ctx.verify(() -> {
                        assertThat(aliceStream.headers().get("Content-Type")).startsWith("text/event-stream");
                        assertThat(event.event()).isEqualTo("payment.approved");
                        assertThat(event.id()).matches("\\d+-\\d+");
                        assertThat(event.json().getLong("amount")).isEqualTo(3_000L);
                        assertThat(event.json().getString("status")).isEqualTo("APPROVED");
                        assertThat(bobStream.events()).noneMatch(seen -> isAbout(seen, alicePayment));
                        assertThat(aliceStream.events()).noneMatch(seen -> isAbout(seen, bobPayment));
                      });
                      return null;
                    })))
                .eventually(() -> Future.join(aliceStream.close(), bobStream.close()));
          });
        }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsWhatItMissedOnce(VertxTestContext ctx) {
    Future.all(STACK.merchant(), STACK.userWithFinAccount(STACK.richestNhAccount())).compose(both -> {
      JsonObject merchant = both.resultAt(0);
      JsonObject user = both.resultAt(1);
      return userId(user).compose(userId -> open(user, null).compose(first -> STACK.paidCheckout(merchant, user, 1_000)
          .compose(seenPayment -> first.await(event -> isAbout(event, seenPayment), "the first payment"))
          .compose(seen -> first.close().map(seen)))
          .compose(seen -> STACK.paidCheckout(merchant, user, 2_000).compose(missedPayment ->
              // Wait until the missed outcome was published while no stream was open, then come back.
              Eventually.until(STACK.vertx(), () -> redis.xlen(UserNotifications.streamKey(userId)),
                      length -> length != null && length.toInteger() == 2, "published the second outcome")
                  .compose(published -> open(user, seen.id()))
                  .compose(again -> again.await(event -> isAbout(event, missedPayment), "the missed payment")
                      .map(missed -> {
                        ctx.verify(() -> {
                          assertThat(missed.event()).isEqualTo("payment.approved");
                          assertThat(again.events()).as("nothing before Last-Event-ID again")
                              .noneMatch(event -> event.id().equals(seen.id()));
                        });
                        return again;
                      })
                      .compose(SseClient::close)))));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theStreamSurvivesLosingItsRedisSubscription(VertxTestContext ctx) {
    Future.all(STACK.merchant(), STACK.userWithFinAccount(STACK.richestNhAccount())).compose(both -> {
      JsonObject merchant = both.resultAt(0);
      JsonObject user = both.resultAt(1);
      return open(user, null).compose(stream -> redis.client(List.of("KILL", "TYPE", "pubsub"))
          .compose(killed -> STACK.paidCheckout(merchant, user, 1_500))
          .compose(paymentId -> stream.await(event -> isAbout(event, paymentId), "the payment after the outage"))
          .eventually(stream::close));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aTransferOutcomeIsStreamedToo(VertxTestContext ctx) {
    String person = STACK.sandbox().bank().personIds().get(0);
    STACK.linkedUser(person).compose(user -> {
      String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
      return open(user, null).compose(stream -> STACK.transfer(user.getString("accessToken"), "deposit",
              UUID.randomUUID().toString(), new JsonObject().put("accountId", accountId).put("amount", 5_000))
          .compose(transfer -> stream.await(event -> event.event().startsWith("transfer.")
              && transfer.bodyAsJsonObject().getString("id").equals(event.json().getString("id")), "the transfer"))
          .map(event -> {
            ctx.verify(() -> {
              assertThat(event.event()).isEqualTo("transfer.approved");
              assertThat(event.json().getLong("amount")).isEqualTo(5_000L);
            });
            return null;
          })
          .eventually(stream::close));
    }).onComplete(ctx.succeedingThenComplete());
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

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void idleStreamsGetHeartbeats(VertxTestContext ctx) {
    STACK.api().newSession().compose(session -> open(session, null))
        .compose(stream -> stream.awaitComment("keep-alive").eventually(stream::close))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aStreamNeedsASessionAndLastEventIdMustBeOneOfOurs(VertxTestContext ctx) {
    STACK.api().newSession().compose(session -> refusal(null, null)
            .compose(anonymous -> refusal(session.getString("accessToken"), "../etc").map(badId -> {
              ctx.verify(() -> {
                assertThat(anonymous.status).isEqualTo(401);
                assertThat(badId.status).isEqualTo(400);
                assertThat(new JsonObject(badId.body).getJsonArray("errors").getJsonObject(0).getString("field"))
                    .isEqualTo("Last-Event-ID");
              });
              return null;
            })))
        .onComplete(ctx.succeedingThenComplete());
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
