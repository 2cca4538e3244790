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

    // Fresh support people, so that their audit rows are exactly the searches below (the wait above searched too).
    String orderId = entry.getString("orderId");
    String firstSupport = await(STACK.supportSession());
    String secondSupport = await(STACK.supportSession());
    String byOrder = "/api/v1/support/payments?orderId=" + encode(orderId);
    String byUser = "/api/v1/support/payments?userId=" + entry.getString("userId");
    HttpResponse<Buffer> firstByOrder = await(STACK.api().get(byOrder, firstSupport));
    HttpResponse<Buffer> secondByMerchant = await(STACK.api().get(byMerchant, secondSupport));
    HttpResponse<Buffer> firstByUser = await(STACK.api().get(byUser, firstSupport));
    HttpResponse<Buffer> firstByOrderAgain = await(STACK.api().get(byOrder, firstSupport));
    HttpResponse<Buffer> forbidden = await(STACK.api().get(byOrder, user.getString("accessToken")));
    assertThat(List.of(firstByOrder, secondByMerchant, firstByUser, firstByOrderAgain))
        .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
    assertThat(firstByOrder.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(forbidden.statusCode()).as("a customer is not support").isEqualTo(403);

    List<JsonObject> firstAudit = audit(firstSupport);
    List<JsonObject> secondAudit = audit(secondSupport);
    assertThat(firstAudit).as("each of the first one's searches, in order, the same search twice included")
        .extracting(row -> row.getJsonObject("filter").getString("orderId"),
            row -> row.getJsonObject("filter").getString("userId"), row -> row.getInteger("resultCount"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(orderId, null, 1),
            org.assertj.core.groups.Tuple.tuple(null, entry.getString("userId"),
                firstByUser.bodyAsJsonObject().getJsonArray("items").size()),
            org.assertj.core.groups.Tuple.tuple(orderId, null, 1));
    assertThat(secondAudit).as("the second one's search, under the second one").hasSize(1);
    assertThat(secondAudit.get(0).getJsonObject("filter").getString("merchantId")).isEqualTo(merchant.getString("id"));
    assertThat(secondAudit.get(0).getJsonObject("filter").getString("status")).isEqualToIgnoringCase("failed");
    assertThat(secondAudit.get(0).getInteger("resultCount"))
        .isEqualTo(secondByMerchant.bodyAsJsonObject().getJsonArray("items").size());
    RowSet<Row> customers = await(STACK.mysql().preparedQuery("SELECT COUNT(*) FROM support_queries WHERE support_user_id = ?")
        .execute(Tuple.of(await(userId(user.getString("accessToken"))))));
    assertThat(customers.iterator().next().getLong(0)).as("the refused customer's search is not audited").isZero();
  }

  /** The audit rows of the support person signed in with {@code token}, oldest first. */
  private static List<JsonObject> audit(String token) {
    RowSet<Row> rows = await(STACK.mysql().preparedQuery(
            "SELECT filter, result_count FROM support_queries WHERE support_user_id = ? ORDER BY id")
        .execute(Tuple.of(await(userId(token)))));
    List<JsonObject> audit = new ArrayList<>();
    rows.forEach(row -> audit.add(new JsonObject().put("filter", new JsonObject(row.getString("filter")))
        .put("resultCount", row.getInteger("result_count"))));
    return audit;
  }

  private static Future<String> userId(String token) {
    return STACK.api().get("/api/v1/users/me", token).map(me -> me.bodyAsJsonObject().getString("id"));
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
