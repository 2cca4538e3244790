package io.shpay.openbanking;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
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
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class AccountsTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static String person(int index) {
    return STACK.sandbox().bank().personIds().get(index);
  }

  @Test
  void theFirstBalanceComesFromTheBankAndTheNextFromTheCacheAtOnce(VertxTestContext ctx) {
    STACK.linkedUser(person(0)).compose(user -> {
      String token = user.getString("accessToken");
      String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
      return balance(token, accountId, false).compose(first -> balance(token, accountId, false).map(second -> {
        ctx.verify(() -> {
          assertThat(first.statusCode()).isEqualTo(200);
          JsonObject one = first.bodyAsJsonObject();
          JsonObject two = second.bodyAsJsonObject();
          assertThat(one.getLong("balance")).isPositive();
          assertThat(one.getString("currency")).isEqualTo("KRW");
          assertThat(one.getBoolean("stale")).isFalse();
          assertThat(one.getString("asOf")).as("times are UTC instants").endsWith("Z");
          assertThat(two.getString("asOf")).as("served from the cache").isEqualTo(one.getString("asOf"));
          assertThat(two.getLong("balance")).isEqualTo(one.getLong("balance"));
        });
        return null;
      }));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aStaleBalanceIsAnsweredAtOnceAndRefreshedBehindTheAnswer(Vertx vertx, VertxTestContext ctx) {
    STACK.linkedUser(person(1)).compose(user -> {
      String token = user.getString("accessToken");
      String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
      return balance(token, accountId, false).compose(cached -> {
        STACK.clock().advance(Duration.ofMinutes(5));
        return balance(token, accountId, false).compose(stale -> {
          ctx.verify(() -> {
            assertThat(stale.bodyAsJsonObject().getBoolean("stale")).isTrue();
            assertThat(stale.bodyAsJsonObject().getString("asOf")).isEqualTo(cached.bodyAsJsonObject().getString("asOf"));
          });
          return untilFresh(vertx, token, accountId, 100);
        });
      });
    }).onComplete(ctx.succeeding(fresh -> ctx.verify(() -> {
      assertThat(fresh.getBoolean("stale")).isFalse();
      ctx.completeNow();
    })));
  }

  @Test
  void freshTrueWaitsForTheBank(VertxTestContext ctx) {
    STACK.linkedUser(person(2)).compose(user -> {
      String token = user.getString("accessToken");
      String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
      return balance(token, accountId, false).compose(first -> {
        STACK.clock().advance(Duration.ofSeconds(10));
        return balance(token, accountId, true).map(fresh -> {
          ctx.verify(() -> assertThat(fresh.bodyAsJsonObject().getString("asOf"))
              .isNotEqualTo(first.bodyAsJsonObject().getString("asOf")));
          return null;
        });
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void transactionsComeInPagesThatFollowKftcPaging(VertxTestContext ctx) {
    List<JsonObject> all = new ArrayList<>();
    STACK.linkedUser(person(0)).compose(user -> {
      String token = user.getString("accessToken");
      String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
      String first = "/api/v1/accounts/" + accountId + "/transactions?from=" + today.minusDays(90) + "&to=" + today;
      return pages(token, first, accountId, all, 0);
    }).onComplete(ctx.succeeding(pageCount -> ctx.verify(() -> {
      assertThat(pageCount).isGreaterThanOrEqualTo(2);
      assertThat(all.size()).isGreaterThan(25);
      assertThat(all).allSatisfy(item -> {
        assertThat(item.getString("date")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(item.getLong("amount")).isPositive();
      });
      ctx.completeNow();
    })));
  }

  @Test
  void theDirectionFilterKeepsOnlyIncomingMoney(VertxTestContext ctx) {
    STACK.linkedUser(person(0)).compose(user -> {
      String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
      return STACK.api().get("/api/v1/accounts/" + accountId + "/transactions?direction=in", user.getString("accessToken"));
    }).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      var items = response.bodyAsJsonObject().getJsonArray("items");
      assertThat(items).isNotEmpty();
      assertThat(items.stream().map(JsonObject.class::cast).map(i -> i.getString("direction"))).containsOnly("IN");
      ctx.completeNow();
    })));
  }

  @Test
  void anotherUsersAccountIsNotFoundExactlyLikeAMissingOne(VertxTestContext ctx) {
    Future.all(STACK.linkedUser(person(0)), STACK.linkedUser(person(1))).compose(both -> {
      JsonObject owner = both.resultAt(0);
      JsonObject stranger = both.resultAt(1);
      String ownersAccount = owner.getJsonArray("accounts").getJsonObject(0).getString("id");
      String token = stranger.getString("accessToken");
      return Future.all(List.of(
          balance(token, ownersAccount, false),
          STACK.api().get("/api/v1/accounts/" + ownersAccount + "/transactions", token),
          STACK.api().request(io.vertx.core.http.HttpMethod.POST, "/api/v1/accounts/" + ownersAccount + "/main")
              .bearerTokenAuthentication(token).send(),
          balance(token, "00000000-0000-0000-0000-000000000000", false),
          balance(token, "not-an-id", false)));
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < all.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("No account with this id.");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void badDatesDirectionsAndCursorsNameTheirField(VertxTestContext ctx) {
    STACK.linkedUser(person(0)).compose(user -> {
      String token = user.getString("accessToken");
      String base = "/api/v1/accounts/" + user.getJsonArray("accounts").getJsonObject(0).getString("id") + "/transactions";
      return Future.all(List.of(
          STACK.api().get(base + "?from=2026-13-01", token),
          STACK.api().get(base + "?direction=sideways", token),
          STACK.api().get(base + "?cursor=garbage", token),
          STACK.api().get(base + "?from=2020-01-01&to=2020-12-31", token),
          STACK.api().get(base + "?to=2999-01-01", token),
          STACK.api().get(base + "?direction=IN", token)));
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<String> fields = List.of("from", "direction", "cursor", "from", "to", "direction");
      for (int i = 0; i < all.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).as(fields.get(i)).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
            .isEqualTo(fields.get(i));
      }
      ctx.completeNow();
    })));
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

  private static Future<Integer> pages(String token, String path, String accountId, List<JsonObject> all, int count) {
    return STACK.api().get(path, token).compose(response -> {
      if (response.statusCode() != 200) {
        return Future.failedFuture(new AssertionError(response.bodyAsString()));
      }
      JsonObject page = response.bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> all.add((JsonObject) item));
      if (page.getJsonArray("items").size() > 25) {
        return Future.failedFuture(new AssertionError("a page has more than 25 items"));
      }
      String next = page.getString("nextCursor");
      return next == null ? Future.succeededFuture(count + 1)
          : pages(token, "/api/v1/accounts/" + accountId + "/transactions?cursor=" + next, accountId, all, count + 1);
    });
  }
}
