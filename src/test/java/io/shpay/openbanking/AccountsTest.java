package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Balances from the cache and the bank, transaction pages, and ownership of every account id. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountsTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static final String BALANCE_PATH = "/v2.0/account/balance/fin_num";

  private static String person(int index) {
    return STACK.sandbox().bank().personIds().get(index);
  }

  @Test
  void theFirstBalanceComesFromTheBankAndTheNextFromTheCacheAtOnce() {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String token = user.getString("accessToken");
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintechUseNum = await(STACK.fintechUseNum(accountId));
    HttpResponse<Buffer> first = await(balance(token, accountId, false));
    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject one = first.bodyAsJsonObject();
    assertThat(one.getLong("balance")).as("the bank's own balance").isEqualTo(STACK.sandbox().bank().balance(fintechUseNum));
    assertThat(one.getString("currency")).isEqualTo("KRW");
    assertThat(one.getBoolean("stale")).isFalse();
    assertThat(one.getString("asOf")).as("times are UTC instants").endsWith("Z");

    // The bank now refuses every balance inquiry: an answer can only come from the cache.
    STACK.sandbox().faults().failNext(BALANCE_PATH, 5, "A0002", "499");
    try {
      STACK.clock().advance(Duration.ofSeconds(5));
      HttpResponse<Buffer> second = await(balance(token, accountId, false));
      assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
      JsonObject two = second.bodyAsJsonObject();
      assertThat(two.getLong("balance")).as("served from the cache").isEqualTo(one.getLong("balance"));
      assertThat(two.getString("asOf")).isEqualTo(one.getString("asOf"));
      assertThat(two.getBoolean("stale")).as("still inside the freshness window").isFalse();
    } finally {
      STACK.sandbox().faults().clear();
    }
  }

  @Test
  void aStaleBalanceIsAnsweredAtOnceAndRefreshedBehindTheAnswer(Vertx vertx) {
    JsonObject user = await(STACK.linkedUser(person(1)));
    String token = user.getString("accessToken");
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    HttpResponse<Buffer> cached = await(balance(token, accountId, false));
    STACK.clock().advance(Duration.ofMinutes(5));
    HttpResponse<Buffer> stale = await(balance(token, accountId, false));
    assertThat(stale.bodyAsJsonObject().getBoolean("stale")).isTrue();
    assertThat(stale.bodyAsJsonObject().getString("asOf")).isEqualTo(cached.bodyAsJsonObject().getString("asOf"));
    JsonObject fresh = await(untilFresh(vertx, token, accountId, 100));
    assertThat(fresh.getBoolean("stale")).isFalse();
  }

  @Test
  void aKeptBalanceIsNeverShownToAnotherUserAndGoesTheMomentItsAccountIsUnlinked() {
    JsonObject user = await(STACK.linkedUser(person(1)));
    String token = user.getString("accessToken");
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String other = await(STACK.linkedUser(person(2))).getString("accessToken");
    assertThat(await(balance(token, accountId, false)).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> foreign = await(balance(other, accountId, false));
    assertThat(foreign.statusCode()).as("kept for its owner only").isEqualTo(404);

    HttpResponse<Buffer> unlinked = await(STACK.api().request(HttpMethod.DELETE, "/api/v1/accounts/" + accountId)
        .bearerTokenAuthentication(token).send());
    assertThat(unlinked.statusCode()).as(unlinked.bodyAsString()).isEqualTo(204);
    HttpResponse<Buffer> afterUnlink = await(balance(token, accountId, false));
    assertThat(afterUnlink.statusCode()).as("the kept answer left with the account: " + afterUnlink.bodyAsString())
        .isEqualTo(404);
  }

  @Test
  void revokingTheConsentDropsEveryKeptBalanceOfTheUser() {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String token = user.getString("accessToken");
    List<String> accountIds = new ArrayList<>();
    user.getJsonArray("accounts").forEach(account -> accountIds.add(((JsonObject) account).getString("id")));
    accountIds.forEach(id -> assertThat(await(balance(token, id, false)).statusCode()).isEqualTo(200));

    HttpResponse<Buffer> revoked = await(STACK.api().request(HttpMethod.DELETE, "/api/v1/openbanking/consent")
        .bearerTokenAuthentication(token).send());
    assertThat(revoked.statusCode()).as(revoked.bodyAsString()).isEqualTo(200);

    accountIds.forEach(id -> assertThat(await(balance(token, id, false)).statusCode()).as(id).isEqualTo(404));
  }

  @Test
  void freshTrueWaitsForTheBank() {
    JsonObject user = await(STACK.linkedUser(person(2)));
    String token = user.getString("accessToken");
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    HttpResponse<Buffer> first = await(balance(token, accountId, false));
    STACK.clock().advance(Duration.ofSeconds(10));
    HttpResponse<Buffer> fresh = await(balance(token, accountId, true));
    assertThat(fresh.bodyAsJsonObject().getString("asOf")).isNotEqualTo(first.bodyAsJsonObject().getString("asOf"));
  }

  @Test
  void transactionsComeInPagesThatFollowKftcPagingWithoutRepeatsOrGaps() {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String token = user.getString("accessToken");
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintechUseNum = await(STACK.fintechUseNum(accountId));
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
    String path = "/api/v1/accounts/" + accountId + "/transactions?from=" + today.minusDays(90) + "&to=" + today;
    List<JsonObject> all = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    List<JsonObject> pages = new ArrayList<>();
    while (path != null) {
      assertThat(pages).as("pages (the seed's 60 lines need 3)").hasSizeLessThan(10);
      HttpResponse<Buffer> response = await(STACK.api().get(path, token));
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject page = response.bodyAsJsonObject();
      assertThat(page.getJsonArray("items").size()).as("items on a page").isBetween(1, 25);
      page.getJsonArray("items").forEach(item -> all.add((JsonObject) item));
      pages.add(page);
      String next = page.getString("nextCursor");
      if (next != null) {
        cursors.add(next);
      }
      path = next == null ? null : "/api/v1/accounts/" + accountId + "/transactions?cursor=" + next;
    }
    assertThat(pages.size()).isGreaterThanOrEqualTo(3);
    assertThat(all.size()).isGreaterThan(50);
    for (JsonObject item : all) {
      assertThat(item.getString("date")).matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(item.getLong("amount")).isPositive();
    }

    // The same cursor again is the same page (a cursor names a place in the list, it is not used up).
    JsonObject secondAgain = await(STACK.api().get("/api/v1/accounts/" + accountId + "/transactions?cursor="
        + cursors.get(0), token)).bodyAsJsonObject();
    assertThat(secondAgain.getJsonArray("items")).isEqualTo(pages.get(1).getJsonArray("items"));
    assertThat(secondAgain.getString("nextCursor")).isNotNull();

    // Newest first, each line's balance follows from the one before it: a repeated or a skipped line (or page)
    // breaks the chain. The newest line's balance is the bank's balance now.
    assertThat(all).extracting(item -> item.getString("date") + " " + item.getString("time") + " "
        + item.getLong("balanceAfter")).as("no line twice").doesNotHaveDuplicates();
    assertThat(all.get(0).getLong("balanceAfter")).isEqualTo(STACK.sandbox().bank().balance(fintechUseNum));
    for (int i = 0; i + 1 < all.size(); i++) {
      JsonObject newer = all.get(i);
      JsonObject older = all.get(i + 1);
      long moved = "IN".equals(newer.getString("direction")) ? newer.getLong("amount") : -newer.getLong("amount");
      assertThat(older.getLong("balanceAfter")).as("the balance before " + newer.encode())
          .isEqualTo(newer.getLong("balanceAfter") - moved);
      assertThat(older.getString("date") + older.getString("time"))
          .isLessThanOrEqualTo(newer.getString("date") + newer.getString("time"));
    }
  }

  @Test
  void theDirectionFilterKeepsOnlyIncomingMoney() {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    HttpResponse<Buffer> response = await(STACK.api().get("/api/v1/accounts/" + accountId + "/transactions?direction=in",
        user.getString("accessToken")));
    assertThat(response.statusCode()).isEqualTo(200);
    var items = response.bodyAsJsonObject().getJsonArray("items");
    assertThat(items).isNotEmpty();
    assertThat(items.stream().map(JsonObject.class::cast).map(i -> i.getString("direction"))).containsOnly("IN");
  }

  @Test
  void anotherUsersAccountIsNotFoundExactlyLikeAMissingOne() {
    JsonObject owner = await(STACK.linkedUser(person(0)));
    JsonObject stranger = await(STACK.linkedUser(person(1)));
    String ownersAccount = owner.getJsonArray("accounts").getJsonObject(0).getString("id");
    String token = stranger.getString("accessToken");
    List<Future<HttpResponse<Buffer>>> calls = List.of(
        balance(token, ownersAccount, false),
        STACK.api().get("/api/v1/accounts/" + ownersAccount + "/transactions", token),
        STACK.api().request(HttpMethod.POST, "/api/v1/accounts/" + ownersAccount + "/main")
            .bearerTokenAuthentication(token).send(),
        balance(token, "00000000-0000-0000-0000-000000000000", false),
        balance(token, "not-an-id", false));
    for (Future<HttpResponse<Buffer>> call : calls) {
      HttpResponse<Buffer> response = await(call);
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("No account with this id.");
    }
  }

  @Test
  void badDatesDirectionsAndCursorsNameTheirField() {
    JsonObject user = await(STACK.linkedUser(person(0)));
    String token = user.getString("accessToken");
    String base = "/api/v1/accounts/" + user.getJsonArray("accounts").getJsonObject(0).getString("id") + "/transactions";
    List<String> queries = List.of("?from=2026-13-01", "?direction=sideways", "?cursor=garbage",
        "?from=2020-01-01&to=2020-12-31", "?to=2999-01-01", "?direction=IN");
    List<String> fields = List.of("from", "direction", "cursor", "from", "to", "direction");
    for (int i = 0; i < queries.size(); i++) {
      HttpResponse<Buffer> response = await(STACK.api().get(base + queries.get(i), token));
      assertThat(response.statusCode()).as(fields.get(i)).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo(fields.get(i));
    }
  }

  private static Future<HttpResponse<Buffer>> balance(String token, String accountId, boolean fresh) {
    return STACK.api().get("/api/v1/accounts/" + accountId + "/balance" + (fresh ? "?fresh=true" : ""), token);
  }

  private static Future<JsonObject> untilFresh(Vertx vertx, String token, String accountId, int attemptsLeft) {
    return balance(token, accountId, false).compose(response -> {
      JsonObject body = response.bodyAsJsonObject();
      if (!body.getBoolean("stale") || attemptsLeft == 0) {
        return Future.succeededFuture(body);
      }
      return vertx.timer(20).compose(tick -> untilFresh(vertx, token, accountId, attemptsLeft - 1));
    });
  }
}
