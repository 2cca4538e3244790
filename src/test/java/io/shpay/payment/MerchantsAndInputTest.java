package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.nh.Account;
import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Merchant keys, FinAccount issuance, ownership and bad input on the payment API. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
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
  void aMerchantKeyIsShownOnceWorksAndStopsWorkingWhenRevoked() {
    JsonObject merchant = await(STACK.merchant());
    String key = merchant.getString("apiKey");
    HttpResponse<Buffer> before = await(createCheckout(key, order(1_000)));
    String adminToken = await(STACK.api().login(BankingStack.ADMIN_EMAIL, BankingStack.ADMIN_PASSWORD))
        .bodyAsJsonObject().getString("accessToken");
    HttpResponse<Buffer> revoked = await(STACK.api().request(HttpMethod.DELETE, "/api/v1/admin/merchants/"
        + merchant.getString("id") + "/api-key").bearerTokenAuthentication(adminToken).send());
    HttpResponse<Buffer> after = await(createCheckout(key, order(1_000)));
    assertThat(key).startsWith("shpay_sk_").hasSizeGreaterThan(40);
    assertThat(merchant.getString("apiKeyHint")).isEqualTo(key.substring(0, 13) + "…");
    assertThat(before.statusCode()).isEqualTo(201);
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void onlyTheKeysSha256DigestIsStoredNeverTheKey() throws Exception {
    JsonObject merchant = await(STACK.merchant());
    String key = merchant.getString("apiKey");
    Row row = await(STACK.mysql().preparedQuery("SELECT * FROM merchants WHERE id = ?")
        .execute(Tuple.of(merchant.getString("id")))).iterator().next();
    // The digest worked out here from the documented rule (SHA-256 of the whole key's UTF-8 bytes), not by SH Pay.
    byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    assertThat(row.getBuffer("api_key_hash").getBytes()).isEqualTo(expected);
    String secretPart = key.substring("shpay_sk_".length());
    for (int column = 0; column < row.size(); column++) {
      Object value = row.getValue(column);
      String text = value instanceof Buffer buffer ? buffer.toString(StandardCharsets.ISO_8859_1) : String.valueOf(value);
      assertThat(text).as(row.getColumnName(column)).doesNotContain(key).doesNotContain(secretPart.substring(4));
    }
    // Nor anywhere else in the database (a stored response of the creating request, a log table…).
    var columns = await(STACK.mysql().query("""
        SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE()
        AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'json', 'binary', 'varbinary', 'blob',
        'mediumblob', 'longblob')""").execute());
    assertThat(columns.size()).as("text columns searched").isGreaterThan(20);
    for (Row column : columns) {
      String where = "`" + column.getString(0) + "`.`" + column.getString(1) + "`";
      long found = await(STACK.mysql().preparedQuery("SELECT COUNT(*) FROM `" + column.getString(0) + "` WHERE `"
          + column.getString(1) + "` LIKE ?").execute(Tuple.of("%" + secretPart + "%"))).iterator().next().getLong(0);
      assertThat(found).as(where).isZero();
    }
  }

  @Test
  void onlyAnAdminCreatesMerchantsAndMerchantRoutesNeedAKey() {
    JsonObject user = await(STACK.api().newSession());
    HttpResponse<Buffer> forbidden = await(STACK.api().request(HttpMethod.POST, "/api/v1/admin/merchants")
        .bearerTokenAuthentication(user.getString("accessToken")).sendJsonObject(new JsonObject().put("name", "x")));
    HttpResponse<Buffer> noKey = await(createCheckout(null, order(1_000)));
    HttpResponse<Buffer> wrongKey = await(createCheckout("shpay_sk_made-up", order(1_000)));
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(wrongKey.statusCode()).isEqualTo(401);
  }

  @Test
  void aFinAccountIsIssuedByNhAndAFailedIssuanceStoresNothing() {
    Account account = personalAccounts().get(0);
    String token = await(STACK.api().newSession(account.holderName())).getString("accessToken");
    HttpResponse<Buffer> wrongBirth = await(issue(token, account.bankCode(), account.accountNumber(), "1900-01-01"));
    HttpResponse<Buffer> issued = await(issue(token, account.bankCode(), account.accountNumber(), account.birthDate()));
    HttpResponse<Buffer> list = await(STACK.api().get("/api/v1/fin-accounts", token));
    assertThat(wrongBirth.statusCode()).isEqualTo(422);
    assertThat(wrongBirth.bodyAsJsonObject().getString("code")).isEqualTo("bank_rejected");
    assertThat(wrongBirth.bodyAsJsonObject().getString("detail")).contains("E0102");
    assertThat(issued.statusCode()).isEqualTo(201);
    assertThat(issued.bodyAsJsonObject().getString("accountNumMasked")).endsWith("****");
    assertThat(issued.bodyAsJsonObject().getString("status")).isEqualTo("PENDING_VERIFICATION");
    assertThat(list.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
  }

  @Test
  void nobodyPaysFromAnotherUsersFinAccountAndMerchantsSeeOnlyTheirPayments() {
    Account account = personalAccounts().get(0);
    JsonObject merchant = await(STACK.merchant());
    JsonObject otherMerchant = await(STACK.merchant());
    JsonObject owner = await(STACK.userWithFinAccount(account));
    JsonObject thief = await(STACK.api().newSession());
    String checkoutId = await(STACK.checkout(merchant, 1_000));
    HttpResponse<Buffer> stolen = await(STACK.pay(thief.getString("accessToken"), checkoutId,
        owner.getString("finAccountId"), UUID.randomUUID().toString()));
    HttpResponse<Buffer> paid = await(STACK.pay(owner.getString("accessToken"), checkoutId,
        owner.getString("finAccountId"), UUID.randomUUID().toString()));
    HttpResponse<Buffer> peek = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/"
            + paid.bodyAsJsonObject().getString("id"))
        .putHeader("X-Api-Key", otherMerchant.getString("apiKey")).send());
    assertThat(stolen.statusCode()).isEqualTo(404);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(peek.statusCode()).isEqualTo(404);
  }

  @Test
  void checkoutAmountsAndOrderIdsAreValidatedNamingTheField() {
    String key = await(STACK.merchant()).getString("apiKey");
    List<JsonObject> bodies = List.of(order(99.5), order("1000"), order(0), order(-1), order(2_000_001),
        order(1_000).put("orderId", "x".repeat(65)));
    List<String> fields = List.of("amount", "amount", "amount", "amount", "amount", "orderId");
    for (int i = 0; i < bodies.size(); i++) {
      HttpResponse<Buffer> response = await(createCheckout(key, bodies.get(i)));
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo(fields.get(i));
    }
  }

  @Test
  void aDuplicateOrderIdIsA409AndAnOverlongIdempotencyKeyIsRefused() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(personalAccounts().get(0)));
    JsonObject body = order(1_000);
    HttpResponse<Buffer> first = await(createCheckout(merchant.getString("apiKey"), body));
    HttpResponse<Buffer> duplicate = await(createCheckout(merchant.getString("apiKey"), body));
    HttpResponse<Buffer> longKey = await(STACK.pay(user.getString("accessToken"),
        first.bodyAsJsonObject().getString("id"), user.getString("finAccountId"), "k".repeat(256)));
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(duplicate.bodyAsJsonObject().getString("code")).isEqualTo("order_exists");
    assertThat(longKey.statusCode()).isEqualTo(400);
    assertThat(longKey.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("Idempotency-Key");
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
