package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.shpay.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A person manages their NH FinAccounts: detail, nickname, the balance (cached with {@code asOf} and refreshed
 * lazily, as KFTC balances are), the history from NH in pages, and deleting one (no longer chargeable; its
 * payments stay readable).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FinAccountManagementTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @AfterEach
  void disarm() {
    STACK.nh().faults().clear();
  }

  @Test
  void aFinAccountShowsItsDetailAndTakesANicknameThatCanBeRemoved() {
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String token = user.getString("accessToken");
    String id = user.getString("finAccountId");

    JsonObject detail = get(token, "/api/v1/fin-accounts/" + id).bodyAsJsonObject();
    assertThat(detail.getString("status")).isEqualTo("VERIFIED");
    assertThat(detail.getValue("nickname")).isNull();
    assertThat(detail.getString("accountNumMasked")).endsWith("****");

    HttpResponse<Buffer> named = nickname(token, id, new JsonObject().put("nickname", "  생활비 통장 "));
    assertThat(named.statusCode()).as(named.bodyAsString()).isEqualTo(200);
    assertThat(named.bodyAsJsonObject().getString("nickname")).isEqualTo("생활비 통장");
    JsonArray listed = get(token, "/api/v1/fin-accounts").bodyAsJsonObject().getJsonArray("items");
    assertThat(listed.getJsonObject(0).getString("nickname")).isEqualTo("생활비 통장");

    HttpResponse<Buffer> removed = nickname(token, id, new JsonObject().putNull("nickname"));
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.bodyAsJsonObject().getValue("nickname")).isNull();
  }

  @Test
  void aNicknameIsValidatedNamingTheField() {
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String token = user.getString("accessToken");
    String id = user.getString("finAccountId");

    for (JsonObject bad : List.of(new JsonObject().put("nickname", "가".repeat(21)), new JsonObject(),
        new JsonObject().put("nickname", 7), new JsonObject().put("nickname", "tab\there"))) {
      HttpResponse<Buffer> refused = nickname(token, id, bad);
      assertThat(refused.statusCode()).as(bad.encode()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("nickname");
    }
  }

  @Test
  void theBalanceIsAnsweredFromTheCacheWithAsOfAndRefreshedOnceStale() {
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    String token = user.getString("accessToken");
    String id = user.getString("finAccountId");

    JsonObject first = balance(token, id, "");
    assertThat(first.getLong("balance")).isEqualTo(STACK.nhBalance(account));
    assertThat(first.getLong("available")).isEqualTo(STACK.nhBalance(account));
    assertThat(first.getBoolean("stale")).isFalse();
    assertThat(first.getString("finAccountId")).isEqualTo(id);
    assertThat(first.getString("asOf")).isNotBlank();
    long before = first.getLong("balance");

    await(STACK.paidCheckout(await(STACK.merchant()), user, 1_500));
    JsonObject cached = balance(token, id, "");
    assertThat(cached.getLong("balance")).as("answered from the cache, not the bank").isEqualTo(before);
    assertThat(cached.getString("asOf")).isEqualTo(first.getString("asOf"));

    STACK.clock().advance(Duration.ofMinutes(2)); // past openbanking.balanceFreshFor (1 minute)
    JsonObject stale = balance(token, id, "");
    assertThat(stale.getBoolean("stale")).isTrue();
    assertThat(stale.getLong("balance")).as("still the cached answer, at once").isEqualTo(before);
    JsonObject refreshed = await(Eventually.until(STACK.vertx(),
        () -> STACK.api().get("/api/v1/fin-accounts/" + id + "/balance", token).map(HttpResponse::bodyAsJsonObject),
        answer -> answer.getLong("balance") == before - 1_500, "the background refresh"));
    assertThat(refreshed.getBoolean("stale")).isFalse();

    JsonObject fresh = balance(token, id, "?fresh=true");
    assertThat(fresh.getLong("balance")).isEqualTo(STACK.nhBalance(account));
  }

  @Test
  void theBalanceAndHistoryOfAFinAccountNotProvenYoursAreRefused() {
    Account account = STACK.richestNhAccount();
    String token = await(STACK.api().newSession(account.holderName())).getString("accessToken");
    String id = await(STACK.registerFinAccount(token, account));

    HttpResponse<Buffer> balance = get(token, "/api/v1/fin-accounts/" + id + "/balance");
    HttpResponse<Buffer> history = get(token, "/api/v1/fin-accounts/" + id + "/transactions");

    assertThat(balance.statusCode()).isEqualTo(409);
    assertThat(balance.bodyAsJsonObject().getString("code")).isEqualTo("fin_account_unverified");
    assertThat(history.statusCode()).isEqualTo(409);
  }

  @Test
  void theHistoryComesFromNhInPagesNewestFirstWithASignedCursor() {
    Account account = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(account));
    String token = user.getString("accessToken");
    String id = user.getString("finAccountId");
    await(STACK.paidCheckout(await(STACK.merchant()), user, 2_300));

    HttpResponse<Buffer> firstPage = get(token, "/api/v1/fin-accounts/" + id + "/transactions?limit=2");
    assertThat(firstPage.statusCode()).as(firstPage.bodyAsString()).isEqualTo(200);
    JsonArray items = firstPage.bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(2);
    JsonObject newest = items.getJsonObject(0);
    assertThat(newest.getString("direction")).isEqualTo("OUT");
    assertThat(newest.getLong("amount")).isEqualTo(2_300);
    assertThat(newest.getLong("balanceAfter")).isEqualTo(STACK.nhBalance(account));
    assertThat(newest.fieldNames()).containsExactlyInAnyOrder("date", "time", "direction", "description", "amount",
        "balanceAfter", "cancelled");
    String cursor = firstPage.bodyAsJsonObject().getString("nextCursor");
    assertThat(cursor).isNotNull();

    JsonObject secondPage = get(token, "/api/v1/fin-accounts/" + id + "/transactions?cursor=" + cursor).bodyAsJsonObject();
    assertThat(secondPage.getJsonArray("items")).hasSize(2).doesNotContainAnyElementsOf(items);

    HttpResponse<Buffer> deposits = get(token, "/api/v1/fin-accounts/" + id + "/transactions?direction=in&limit=100");
    assertThat(deposits.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(line -> line.getString("direction"))).containsOnly("IN");

    HttpResponse<Buffer> tampered = get(token, "/api/v1/fin-accounts/" + id + "/transactions?cursor=" + cursor + "x");
    assertThat(tampered.statusCode()).isEqualTo(400);
    assertThat(tampered.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("cursor");
  }

  @Test
  void aBadHistoryRangeIsRefusedNamingTheField() {
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String base = "/api/v1/fin-accounts/" + user.getString("finAccountId") + "/transactions";
    String token = user.getString("accessToken");

    assertThat(field(get(token, base + "?from=2026-13-01"))).isEqualTo("from");
    assertThat(field(get(token, base + "?to=2999-01-01"))).isEqualTo("to");
    assertThat(field(get(token, base + "?from=2020-01-01&to=2020-12-31"))).isEqualTo("from");
    assertThat(field(get(token, base + "?direction=IN"))).isEqualTo("direction");
    assertThat(field(get(token, base + "?limit=0"))).isEqualTo("limit");
  }

  @Test
  void aDeletedFinAccountLeavesTheListCannotBeChargedAndItsPaymentsStayReadable() {
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String token = user.getString("accessToken");
    String id = user.getString("finAccountId");
    JsonObject merchant = await(STACK.merchant());
    String paymentId = await(STACK.paidCheckout(merchant, user, 900));

    HttpResponse<Buffer> deleted = delete(token, id);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(get(token, "/api/v1/fin-accounts").bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(get(token, "/api/v1/fin-accounts/" + id).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> charge = await(STACK.pay(token, await(STACK.checkout(merchant, 900)), id,
        UUID.randomUUID().toString()));
    assertThat(charge.statusCode()).as("a deleted FinAccount cannot be charged").isEqualTo(404);
    HttpResponse<Buffer> payment = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + paymentId)
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    assertThat(payment.statusCode()).isEqualTo(200);
    assertThat(payment.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(delete(token, id).statusCode()).as("deleting twice").isEqualTo(404);
  }

  @Test
  void aFinAccountDeletedAfterItPaidIsNotChargedAndLeavesTheCheckoutOpen() {
    // Its first pay read the FinAccount, so this process remembers it as the payer's: the next pay checks ownership
    // in the payment's own insert, and must find the deletion there.
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String token = user.getString("accessToken");
    String id = user.getString("finAccountId");
    JsonObject merchant = await(STACK.merchant());
    await(STACK.paidCheckout(merchant, user, 900));
    assertThat(delete(token, id).statusCode()).isEqualTo(204);
    long balanceBefore = STACK.nhBalance(STACK.richestNhAccount());
    String checkoutId = await(STACK.checkout(merchant, 900));

    HttpResponse<Buffer> charge = await(STACK.pay(token, checkoutId, id, UUID.randomUUID().toString()));

    assertThat(charge.statusCode()).as(charge.bodyAsString()).isEqualTo(404);
    assertThat(STACK.nhBalance(STACK.richestNhAccount())).as("the bank was not asked").isEqualTo(balanceBefore);
    HttpResponse<Buffer> checkout = get(token, "/api/v1/checkouts/" + checkoutId);
    assertThat(checkout.bodyAsJsonObject().getString("status")).as("nothing recorded against it").isEqualTo("OPEN");
  }

  @Test
  void anotherUsersFinAccountIsTheSame404AsAMissingOneOnEveryRoute() {
    JsonObject victim = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String attacker = await(STACK.api().newSession()).getString("accessToken");
    String victimId = victim.getString("finAccountId");
    String missing = UUID.randomUUID().toString();

    for (String suffix : List.of("", "/balance", "/transactions")) {
      HttpResponse<Buffer> foreign = get(attacker, "/api/v1/fin-accounts/" + victimId + suffix);
      HttpResponse<Buffer> absent = get(attacker, "/api/v1/fin-accounts/" + missing + suffix);
      assertThat(foreign.statusCode()).as(suffix).isEqualTo(404);
      assertThat(comparable(foreign)).isEqualTo(comparable(absent));
    }
    assertThat(nickname(attacker, victimId, new JsonObject().put("nickname", "mine")).statusCode()).isEqualTo(404);
    assertThat(delete(attacker, victimId).statusCode()).isEqualTo(404);
    assertThat(get(victim.getString("accessToken"), "/api/v1/fin-accounts/" + victimId).statusCode()).isEqualTo(200);
  }

  private static JsonObject balance(String token, String id, String query) {
    HttpResponse<Buffer> response = get(token, "/api/v1/fin-accounts/" + id + "/balance" + query);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> nickname(String token, String id, JsonObject body) {
    return await(STACK.api().request(HttpMethod.PUT, "/api/v1/fin-accounts/" + id + "/nickname")
        .bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private static HttpResponse<Buffer> delete(String token, String finAccountId) {
    return await(STACK.api().request(HttpMethod.DELETE, "/api/v1/fin-accounts/" + finAccountId)
        .bearerTokenAuthentication(token).send());
  }

  private static HttpResponse<Buffer> get(String token, String path) {
    return await(STACK.api().get(path, token));
  }

  private static String field(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field");
  }

  private static JsonObject comparable(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject().copy();
    body.remove("requestId");
    body.remove("instance");
    return body;
  }
}
