package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/v1/transfers} (my moves with their legs, withdrawals and refunds received) and
 * {@code GET /api/v1/timeline} (the same with my payments), newest first, filtered and paged by cursor.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MyMovementsTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static String token;
  private static String moveId;
  private static String withdrawalId;
  private static String paymentId;
  private static String refundId;

  /** One of each: a move, then a withdrawal, then a payment from the FinAccount, then a partial refund of it. */
  @BeforeAll
  static void movements() {
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    token = user.getString("accessToken");
    assertThat(await(STACK.completeConsent(await(STACK.consent(token, "1100000001")))).getHeader("Location"))
        .contains("result=linked");
    JsonArray accounts = await(STACK.api().get("/api/v1/accounts", token)).bodyAsJsonObject().getJsonArray("items");
    String first = accounts.getJsonObject(0).getString("id");
    String second = accounts.getJsonObject(1).getString("id");

    HttpResponse<Buffer> move = await(STACK.api().request(HttpMethod.POST, "/api/v1/transfers")
        .bearerTokenAuthentication(token).putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("fromAccountId", first).put("toAccountId", second).put("amount", 1_000)));
    assertThat(move.statusCode()).as(move.bodyAsString()).isEqualTo(201);
    moveId = move.bodyAsJsonObject().getString("id");
    STACK.clock().advance(Duration.ofSeconds(1)); // SH Pay's clock stands still in tests: one movement a second
    HttpResponse<Buffer> withdrawal = await(STACK.transfer(token, "withdraw", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", first).put("amount", 500)));
    assertThat(withdrawal.statusCode()).isEqualTo(201);
    withdrawalId = withdrawal.bodyAsJsonObject().getString("id");
    STACK.clock().advance(Duration.ofSeconds(1));
    JsonObject merchant = await(STACK.merchant());
    paymentId = await(STACK.paidCheckout(merchant, user, 700));
    STACK.clock().advance(Duration.ofSeconds(1));
    HttpResponse<Buffer> refund = await(STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey")).putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("amount", 300)));
    assertThat(refund.statusCode()).isEqualTo(201);
    refundId = refund.bodyAsJsonObject().getString("id");
  }

  @Test
  void myTransfersAreMovesWithTheirLegsWithdrawalsAndRefundsReceivedNewestFirst() {
    JsonObject page = list("/api/v1/transfers");

    JsonArray items = page.getJsonArray("items");
    assertThat(ids(items)).containsExactly(refundId, withdrawalId, moveId);
    assertThat(types(items)).containsExactly("refund", "withdrawal", "move");
    JsonObject move = items.getJsonObject(2);
    assertThat(move.getString("status")).isEqualTo("COMPLETED");
    assertThat(move.getJsonObject("legs").getJsonObject("withdrawal").getString("status")).isEqualTo("APPROVED");
    assertThat(move.getJsonObject("legs").getJsonObject("deposit").getString("status")).isEqualTo("APPROVED");
    assertThat(items.getJsonObject(0).getLong("amount")).isEqualTo(300);
    assertThat(page.getValue("nextCursor")).isNull();
  }

  @Test
  void theTimelineMergesPaymentsRefundsAndMovesAndPagesThroughThemAllOnce() {
    assertThat(ids(list("/api/v1/timeline").getJsonArray("items")))
        .containsExactly(refundId, paymentId, withdrawalId, moveId);

    List<String> paged = new ArrayList<>();
    JsonObject page = list("/api/v1/timeline?limit=1");
    int pages = 1;
    while (true) {
      assertThat(page.getJsonArray("items")).hasSize(1);
      paged.addAll(ids(page.getJsonArray("items")));
      String cursor = page.getString("nextCursor");
      if (cursor == null) {
        break;
      }
      page = list("/api/v1/timeline?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      pages++;
    }
    assertThat(paged).containsExactly(refundId, paymentId, withdrawalId, moveId);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void statusAndDatesFilterTheList() {
    assertThat(ids(list("/api/v1/transfers?status=completed").getJsonArray("items"))).containsExactly(moveId);
    assertThat(ids(list("/api/v1/timeline?status=approved").getJsonArray("items")))
        .containsExactly(refundId, paymentId, withdrawalId);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
    assertThat(list("/api/v1/timeline?from=" + today.minusDays(1) + "&to=" + today).getJsonArray("items")).hasSize(4);
    assertThat(list("/api/v1/timeline?to=" + today.minusDays(1)).getJsonArray("items")).isEmpty();
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    assertThat(field("/api/v1/transfers?status=APPROVED")).isEqualTo("status");
    assertThat(field("/api/v1/transfers?limit=0")).isEqualTo("limit");
    assertThat(field("/api/v1/transfers?from=2026-02-30")).isEqualTo("from");
    assertThat(field("/api/v1/timeline?from=2026-11-02&to=2026-11-01")).isEqualTo("to");
    assertThat(field("/api/v1/timeline?accountId=x")).isEqualTo("accountId");
    String cursor = list("/api/v1/timeline?limit=1").getString("nextCursor");
    assertThat(field("/api/v1/timeline?cursor=" + cursor.substring(0, cursor.length() - 2) + "AA")).isEqualTo("cursor");
  }

  @Test
  void anotherUserSeesNoneOfIt() {
    String stranger = await(STACK.linkedUser("1100000002")).getString("accessToken");

    JsonObject theirs = await(STACK.api().get("/api/v1/timeline", stranger)).bodyAsJsonObject();

    assertThat(ids(theirs.getJsonArray("items"))).doesNotContain(refundId, paymentId, withdrawalId, moveId);
  }

  private static JsonObject list(String path) {
    HttpResponse<Buffer> response = await(STACK.api().get(path, token));
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static String field(String path) {
    HttpResponse<Buffer> response = await(STACK.api().get(path, token));
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field");
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(JsonObject.class::cast).map(item -> item.getString("id")).toList();
  }

  private static List<String> types(JsonArray items) {
    return items.stream().map(JsonObject.class::cast).map(item -> item.getString("type")).toList();
  }
}
