package io.shpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Merchant keys, FinAccount issuance, ownership and bad input on the payment API. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class MerchantsAndInputTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static Future<HttpResponse<Buffer>> createCheckout(String apiKey, JsonObject body) {
    var request = STACK.api().request(HttpMethod.POST, "/api/v1/checkouts");
    return (apiKey == null ? request : request.putHeader("X-Api-Key", apiKey)).sendJsonObject(body);
  }

  private static JsonObject order(Object amount) {
    return new JsonObject().put("orderId", "order-" + UUID.randomUUID()).put("amount", amount).put("itemName", "Tea");
  }

  @Test
  void aMerchantKeyIsShownOnceWorksAndStopsWorkingWhenRevoked(VertxTestContext ctx) {
    STACK.merchant().compose(merchant -> {
      String key = merchant.getString("apiKey");
      return createCheckout(key, order(1_000)).compose(before -> STACK.api().login(BankingStack.ADMIN_EMAIL,
              BankingStack.ADMIN_PASSWORD)
          .compose(admin -> STACK.api().request(HttpMethod.DELETE, "/api/v1/admin/merchants/" + merchant.getString("id")
              + "/api-key").bearerTokenAuthentication(admin.bodyAsJsonObject().getString("accessToken")).send())
          .compose(revoked -> createCheckout(key, order(1_000)).map(after -> {
            ctx.verify(() -> {
              assertThat(key).startsWith("shpay_sk_").hasSizeGreaterThan(40);
              assertThat(merchant.getString("apiKeyHint")).doesNotContain(key.substring(15));
              assertThat(before.statusCode()).isEqualTo(201);
              assertThat(revoked.statusCode()).isEqualTo(204);
              assertThat(after.statusCode()).isEqualTo(401);
            });
            return null;
          })));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void onlyAnAdminCreatesMerchantsAndMerchantRoutesNeedAKey(VertxTestContext ctx) {
    STACK.api().newSession().compose(user -> STACK.api().request(HttpMethod.POST, "/api/v1/admin/merchants")
            .bearerTokenAuthentication(user.getString("accessToken")).sendJsonObject(new JsonObject().put("name", "x")))
        .compose(forbidden -> createCheckout(null, order(1_000))
            .compose(noKey -> createCheckout("shpay_sk_made-up", order(1_000))
                .map(wrongKey -> List.of(forbidden, noKey, wrongKey))))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(403);
          assertThat(responses.get(1).statusCode()).isEqualTo(401);
          assertThat(responses.get(2).statusCode()).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  void aFinAccountIsIssuedByNhAndAFailedIssuanceStoresNothing(VertxTestContext ctx) {
    Account account = personalAccounts().get(0);
    STACK.api().newSession(account.holderName()).compose(session -> {
      String token = session.getString("accessToken");
      return issue(token, account.bankCode(), account.accountNumber(), "1900-01-01")
          .compose(wrongBirth -> issue(token, account.bankCode(), account.accountNumber(), account.birthDate())
              .compose(issued -> STACK.api().get("/api/v1/fin-accounts", token).map(list -> {
                ctx.verify(() -> {
                  assertThat(wrongBirth.statusCode()).isEqualTo(422);
                  assertThat(wrongBirth.bodyAsJsonObject().getString("code")).isEqualTo("bank_rejected");
                  assertThat(wrongBirth.bodyAsJsonObject().getString("detail")).contains("E0102");
                  assertThat(issued.statusCode()).isEqualTo(201);
                  assertThat(issued.bodyAsJsonObject().getString("accountNumMasked")).endsWith("****");
                  assertThat(issued.bodyAsJsonObject().getString("status")).isEqualTo("PENDING_VERIFICATION");
                  assertThat(list.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
                });
                return null;
              })));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void nobodyPaysFromAnotherUsersFinAccountAndMerchantsSeeOnlyTheirPayments(VertxTestContext ctx) {
    Account account = personalAccounts().get(0);
    Future.all(STACK.merchant(), STACK.merchant(), STACK.userWithFinAccount(account), STACK.api().newSession())
        .compose(all -> {
          JsonObject merchant = all.resultAt(0);
          JsonObject otherMerchant = all.resultAt(1);
          JsonObject owner = all.resultAt(2);
          JsonObject thief = all.resultAt(3);
          return STACK.checkout(merchant, 1_000).compose(checkoutId ->
              STACK.pay(thief.getString("accessToken"), checkoutId, owner.getString("finAccountId"),
                      UUID.randomUUID().toString())
                  .compose(stolen -> STACK.pay(owner.getString("accessToken"), checkoutId,
                      owner.getString("finAccountId"), UUID.randomUUID().toString())
                      .compose(paid -> STACK.api().request(HttpMethod.GET, "/api/v1/payments/"
                              + paid.bodyAsJsonObject().getString("id"))
                          .putHeader("X-Api-Key", otherMerchant.getString("apiKey")).send()
                          .map(peek -> {
                            ctx.verify(() -> {
                              assertThat(stolen.statusCode()).isEqualTo(404);
                              assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
                              assertThat(peek.statusCode()).isEqualTo(404);
                            });
                            return null;
                          }))));
        }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void checkoutAmountsAndOrderIdsAreValidatedNamingTheField(VertxTestContext ctx) {
    STACK.merchant().compose(merchant -> {
      String key = merchant.getString("apiKey");
      return Future.all(List.of(
          createCheckout(key, order(99.5)),
          createCheckout(key, order("1000")),
          createCheckout(key, order(0)),
          createCheckout(key, order(-1)),
          createCheckout(key, order(2_000_001)),
          createCheckout(key, order(1_000).put("orderId", "x".repeat(65)))));
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<String> fields = List.of("amount", "amount", "amount", "amount", "amount", "orderId");
      for (int i = 0; i < all.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
            .isEqualTo(fields.get(i));
      }
      ctx.completeNow();
    })));
  }

  @Test
  void aDuplicateOrderIdIsA409AndAnOverlongIdempotencyKeyIsRefused(VertxTestContext ctx) {
    Future.all(STACK.merchant(), STACK.userWithFinAccount(personalAccounts().get(0))).compose(both -> {
      JsonObject merchant = both.resultAt(0);
      JsonObject user = both.resultAt(1);
      JsonObject body = order(1_000);
      return createCheckout(merchant.getString("apiKey"), body)
          .compose(first -> createCheckout(merchant.getString("apiKey"), body)
              .compose(duplicate -> STACK.pay(user.getString("accessToken"),
                      first.bodyAsJsonObject().getString("id"), user.getString("finAccountId"), "k".repeat(256))
                  .map(longKey -> {
                    ctx.verify(() -> {
                      assertThat(duplicate.statusCode()).isEqualTo(409);
                      assertThat(duplicate.bodyAsJsonObject().getString("code")).isEqualTo("order_exists");
                      assertThat(longKey.statusCode()).isEqualTo(400);
                      assertThat(longKey.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                          .isEqualTo("Idempotency-Key");
                    });
                    return null;
                  })));
    }).onComplete(ctx.succeedingThenComplete());
  }

  private static Future<HttpResponse<Buffer>> issue(String token, String bankCode, String accountNumber, String birth) {
    return STACK.api().request(HttpMethod.POST, "/api/v1/fin-accounts").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("bankCode", bankCode).put("accountNumber", accountNumber).put("birthDate", birth));
  }

  /** Seeded NH accounts of people (SH Pay's own settlement account has a business number instead of a birth date). */
  static List<Account> personalAccounts() {
    return STACK.nh().bank().accounts().stream().filter(a -> a.birthDate().length() == 8).toList();
  }
}
