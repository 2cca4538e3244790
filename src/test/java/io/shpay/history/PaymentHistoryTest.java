package io.shpay.history;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Payments reach the history through Kafka; users see their own, support searches everyone's, audited. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PaymentHistoryTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(
      EventTopics.isolated().put("SHPAY_ROLES", "api,user,openbanking,payment,history"), UnaryOperator.identity());

  @Test
  void anApprovedPaymentReachesTheUsersHistoryOnceAndNoOneElses() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String stranger = await(STACK.api().newSession()).getString("accessToken");
    String token = user.getString("accessToken");
    String paymentId = await(STACK.paidCheckout(merchant, user, 12_000));

    JsonObject entry = only(await(historyWith(token, "/api/v1/payments", paymentId)), paymentId);
    assertThat(entry.getString("status")).isEqualTo("APPROVED");
    assertThat(entry.getString("kind")).isEqualTo("payment");
    assertThat(entry.getLong("amount")).isEqualTo(12_000L);
    assertThat(entry.getString("merchantId")).isEqualTo(merchant.getString("id"));
    assertThat(entry.getString("orderId")).startsWith("order-");
    assertThat(entry.containsKey("userId")).as("a user's own history does not repeat their id").isFalse();

    HttpResponse<Buffer> strangers = await(STACK.api().get("/api/v1/payments", stranger));
    RowSet<Row> rows = await(STACK.mysql().preparedQuery("SELECT COUNT(*) FROM payment_history WHERE payment_id = ?")
        .execute(Tuple.of(paymentId)));
    assertThat(strangers.statusCode()).isEqualTo(200);
    assertThat(strangers.bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(rows.iterator().next().getLong(0)).as("one row per event").isEqualTo(1L);
  }

  @Test
  void supportFindsAFailedPaymentWithTheBanksReasonAndEverySearchIsAudited() {
    var poor = STACK.poorestNhAccount();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(poor));
    String support = await(STACK.supportSession());
    String paymentId = await(STACK.paidCheckout(merchant, user, STACK.nhBalance(poor) + 1));

    String byMerchant = "/api/v1/support/payments?status=failed&merchantId=" + merchant.getString("id");
    JsonObject entry = only(await(historyWith(support, byMerchant, paymentId)), paymentId);
    assertThat(entry.getString("status")).isEqualTo("FAILED");
    assertThat(entry.getString("bankCode")).isEqualTo("E0201");
    assertThat(entry.getString("bankMessage")).isNotBlank();
    assertThat(entry.getString("userId")).isNotBlank();

    String orderId = entry.getString("orderId");
    HttpResponse<Buffer> byOrder = await(STACK.api().get("/api/v1/support/payments?orderId=" + encode(orderId), support));
    HttpResponse<Buffer> forbidden = await(STACK.api().get("/api/v1/support/payments?orderId=" + encode(orderId),
        user.getString("accessToken")));
    RowSet<Row> audit = await(STACK.mysql().preparedQuery("""
            SELECT filter, result_count FROM support_queries q JOIN users u ON u.id = q.support_user_id
            WHERE q.filter LIKE ? ORDER BY q.id""")
        .execute(Tuple.of("%" + orderId + "%")));
    assertThat(byOrder.statusCode()).isEqualTo(200);
    assertThat(byOrder.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(forbidden.statusCode()).as("a customer is not support").isEqualTo(403);
    assertThat(audit.size()).as("only support's own search is audited").isEqualTo(1);
    JsonObject filter = new JsonObject(audit.iterator().next().getString("filter"));
    assertThat(filter.getString("orderId")).isEqualTo(orderId);
    assertThat(audit.iterator().next().getInteger("result_count")).isEqualTo(1);
  }

  @Test
  void cursorPagesWalkTheWholeHistoryWithoutGapsOrRepeats() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String token = user.getString("accessToken");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(await(STACK.paidCheckout(merchant, user, 1_000)));
    }
    await(Eventually.until(STACK.vertx(), () -> STACK.api().get("/api/v1/payments", token),
        seen -> seen.bodyAsJsonObject().getJsonArray("items").size() == 5, "recorded all five payments"));

    List<String> walked = walk(token);
    assertThat(walked).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(walked).doesNotHaveDuplicates();
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    String token = await(STACK.api().newSession()).getString("accessToken");
    List<String> queries = List.of("status=BOGUS", "limit=0", "from=21-11-2026", "merchantId=42",
        "from=2026-11-21&to=2026-11-01", "status=APPROVED", "kind=Payment");   // filter values are lower case only
    List<String> fields = List.of("status", "limit", "from", "merchantId", "to", "status", "kind");
    for (int i = 0; i < queries.size(); i++) {
      HttpResponse<Buffer> answer = await(STACK.api().get("/api/v1/payments?" + queries.get(i), token));
      assertThat(answer.statusCode()).as(queries.get(i)).isEqualTo(400);
      assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .as(queries.get(i)).isEqualTo(fields.get(i));
    }
  }

  /** Every payment id on the user's history, two a page, following the cursors (at most a dozen pages). */
  private static List<String> walk(String token) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; ; pages++) {
      String path = "/api/v1/payments?limit=2" + (cursor == null ? "" : "&cursor=" + encode(cursor));
      JsonObject body = await(STACK.api().get(path, token)).bodyAsJsonObject();
      body.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("paymentId")));
      cursor = body.getString("nextCursor");
      if (cursor == null || pages > 10) {
        return seen;
      }
    }
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
