package io.shpay.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/** Payments reach the history through Kafka; users see their own, support searches everyone's, audited. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class PaymentHistoryTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(
      EventTopics.isolated().put("SHPAY_ROLES", "api,user,openbanking,payment,history"), UnaryOperator.identity());

  private static Pool mysql;

  @BeforeAll
  static void database() {
    mysql = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(STACK.vertx()).build();
  }

  @AfterAll
  static void closeDatabase(VertxTestContext ctx) {
    mysql.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anApprovedPaymentReachesTheUsersHistoryOnceAndNoOneElses(VertxTestContext ctx) {
    Future.all(STACK.merchant(), STACK.userWithFinAccount(STACK.richestNhAccount()), STACK.api().newSession())
        .compose(all -> {
          JsonObject merchant = all.resultAt(0);
          JsonObject user = all.resultAt(1);
          String stranger = ((JsonObject) all.resultAt(2)).getString("accessToken");
          String token = user.getString("accessToken");
          return STACK.paidCheckout(merchant, user, 12_000).compose(paymentId ->
              historyWith(token, "/api/v1/payments", paymentId).compose(items -> {
                JsonObject entry = only(items, paymentId);
                ctx.verify(() -> {
                  assertThat(entry.getString("status")).isEqualTo("APPROVED");
                  assertThat(entry.getString("kind")).isEqualTo("payment");
                  assertThat(entry.getLong("amount")).isEqualTo(12_000L);
                  assertThat(entry.getString("merchantId")).isEqualTo(merchant.getString("id"));
                  assertThat(entry.getString("orderId")).startsWith("order-");
                  assertThat(entry.containsKey("userId")).as("a user's own history does not repeat their id").isFalse();
                });
                return Future.all(
                    STACK.api().get("/api/v1/payments", stranger),
                    mysql.preparedQuery("SELECT COUNT(*) FROM payment_history WHERE payment_id = ?")
                        .execute(Tuple.of(paymentId)));
              }));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          HttpResponse<Buffer> strangers = both.resultAt(0);
          assertThat(strangers.statusCode()).isEqualTo(200);
          assertThat(strangers.bodyAsJsonObject().getJsonArray("items")).isEmpty();
          io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows = both.resultAt(1);
          assertThat(rows.iterator().next().getLong(0)).as("one row per event").isEqualTo(1L);
          ctx.completeNow();
        })));
  }

  @Test
  void supportFindsAFailedPaymentWithTheBanksReasonAndEverySearchIsAudited(VertxTestContext ctx) {
    var poor = STACK.poorestNhAccount();
    Future.all(STACK.merchant(), STACK.userWithFinAccount(poor), STACK.supportSession()).compose(all -> {
      JsonObject merchant = all.resultAt(0);
      JsonObject user = all.resultAt(1);
      String support = all.resultAt(2);
      return STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1).compose(paymentId -> {
        String byMerchant = "/api/v1/support/payments?status=failed&merchantId=" + merchant.getString("id");
        return historyWith(support, byMerchant, paymentId).compose(items -> {
          JsonObject entry = only(items, paymentId);
          ctx.verify(() -> {
            assertThat(entry.getString("status")).isEqualTo("FAILED");
            assertThat(entry.getString("bankCode")).isEqualTo("E0201");
            assertThat(entry.getString("bankMessage")).isNotBlank();
            assertThat(entry.getString("userId")).isNotBlank();
          });
          String orderId = entry.getString("orderId");
          return STACK.api().get("/api/v1/support/payments?orderId=" + encode(orderId), support)
              .compose(byOrder -> STACK.api().get("/api/v1/support/payments?orderId=" + encode(orderId),
                      user.getString("accessToken"))
                  .compose(forbidden -> mysql.preparedQuery("""
                          SELECT filter, result_count FROM support_queries q JOIN users u ON u.id = q.support_user_id
                          WHERE q.filter LIKE ? ORDER BY q.id""")
                      .execute(Tuple.of("%" + orderId + "%"))
                      .map(audit -> {
                        ctx.verify(() -> {
                          assertThat(byOrder.statusCode()).isEqualTo(200);
                          assertThat(byOrder.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
                          assertThat(forbidden.statusCode()).as("a customer is not support").isEqualTo(403);
                          assertThat(audit.size()).as("only support's own search is audited").isEqualTo(1);
                          JsonObject filter = new JsonObject(audit.iterator().next().getString("filter"));
                          assertThat(filter.getString("orderId")).isEqualTo(orderId);
                          assertThat(audit.iterator().next().getInteger("result_count")).isEqualTo(1);
                        });
                        return null;
                      })));
        });
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void cursorPagesWalkTheWholeHistoryWithoutGapsOrRepeats(VertxTestContext ctx) {
    Future.all(STACK.merchant(), STACK.userWithFinAccount(STACK.richestNhAccount())).compose(both -> {
      JsonObject merchant = both.resultAt(0);
      JsonObject user = both.resultAt(1);
      String token = user.getString("accessToken");
      Future<List<String>> paid = Future.succeededFuture(new ArrayList<>());
      for (int i = 0; i < 5; i++) {
        paid = paid.compose(ids -> STACK.paidCheckout(merchant, user, 1_000).map(id -> {
          ids.add(id);
          return ids;
        }));
      }
      return paid.compose(ids -> Eventually.until(STACK.vertx(), () -> STACK.api().get("/api/v1/payments", token),
              seen -> seen.bodyAsJsonObject().getJsonArray("items").size() == 5, "recorded all five payments")
          .compose(all -> walk(token, null, new ArrayList<>(), 0))
          .map(walked -> {
            ctx.verify(() -> {
              assertThat(walked).containsExactlyInAnyOrderElementsOf(ids);
              assertThat(walked).doesNotHaveDuplicates();
            });
            return null;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void badFiltersAreRefusedNamingTheField(VertxTestContext ctx) {
    STACK.api().newSession().compose(session -> {
      String token = session.getString("accessToken");
      // Filter values are lower case only: the upper-case spelling answers show is refused, not guessed.
      List<String> queries = List.of("status=BOGUS", "limit=0", "from=21-11-2026", "merchantId=42",
          "from=2026-11-21&to=2026-11-01", "status=APPROVED", "kind=Payment");
      List<String> fields = List.of("status", "limit", "from", "merchantId", "to", "status", "kind");
      return Future.all(queries.stream().map(query -> STACK.api().get("/api/v1/payments?" + query, token)).toList())
          .map(answers -> {
            ctx.verify(() -> IntStream.range(0, queries.size()).forEach(i -> {
              HttpResponse<Buffer> answer = answers.resultAt(i);
              assertThat(answer.statusCode()).as(queries.get(i)).isEqualTo(400);
              assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
              assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                  .as(queries.get(i)).isEqualTo(fields.get(i));
            }));
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  private static Future<List<String>> walk(String token, String cursor, List<String> seen, int pages) {
    String path = "/api/v1/payments?limit=2" + (cursor == null ? "" : "&cursor=" + encode(cursor));
    return STACK.api().get(path, token).compose(page -> {
      JsonObject body = page.bodyAsJsonObject();
      body.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("paymentId")));
      String next = body.getString("nextCursor");
      if (next == null || pages > 10) {
        return Future.succeededFuture(seen);
      }
      return walk(token, next, seen, pages + 1);
    });
  }


  /** The items of {@code path} once they include the payment (the consumer writes in its own time). */
  private static Future<JsonArray> historyWith(String token, String path, String paymentId) {
    return Eventually.until(STACK.vertx(), () -> STACK.api().get(path, token),
            page -> page.statusCode() == 200 && page.bodyAsJsonObject().getJsonArray("items").stream()
                .anyMatch(item -> paymentId.equals(((JsonObject) item).getString("paymentId"))),
            "listed payment " + paymentId + " at " + path)
        .map(page -> page.bodyAsJsonObject().getJsonArray("items"));
  }

  private static JsonObject only(JsonArray items, String paymentId) {
    List<JsonObject> matching = items.stream().map(JsonObject.class::cast)
        .filter(item -> paymentId.equals(item.getString("paymentId"))).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
