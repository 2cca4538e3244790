package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A person manages their own SH Pay account: password, sessions, and closing it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MyAccountTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  private static final String NEW_PASSWORD = "a much better passphrase";

  @AfterEach
  void disarm() {
    STACK.nh().faults().clear();
  }

  @Test
  void changingThePasswordEndsEveryOtherSessionButTheOneThatChangedIt() {
    String email = Api.uniqueEmail();
    await(STACK.api().signUp(email));
    JsonObject here = login(email, Api.PASSWORD).bodyAsJsonObject();
    JsonObject elsewhere = login(email, Api.PASSWORD).bodyAsJsonObject();

    HttpResponse<Buffer> changed = changePassword(here.getString("accessToken"), Api.PASSWORD, NEW_PASSWORD);

    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(204);
    assertThat(me(elsewhere.getString("accessToken")).statusCode()).as("the other session's access token").isEqualTo(401);
    assertThat(refresh(elsewhere.getString("refreshToken")).statusCode()).as("the other session's refresh token")
        .isEqualTo(401);
    assertThat(me(here.getString("accessToken")).statusCode()).as("this session goes on").isEqualTo(200);
    assertThat(refresh(here.getString("refreshToken")).statusCode()).isEqualTo(200);
    assertThat(login(email, Api.PASSWORD).statusCode()).as("the old password").isEqualTo(401);
    assertThat(login(email, NEW_PASSWORD).statusCode()).as("the new password").isEqualTo(200);
  }

  @Test
  void aWrongCurrentPasswordChangesNothing() {
    String email = Api.uniqueEmail();
    await(STACK.api().signUp(email));
    JsonObject session = login(email, Api.PASSWORD).bodyAsJsonObject();

    HttpResponse<Buffer> refused = changePassword(session.getString("accessToken"), "not my password", NEW_PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("wrong_password");
    assertThat(login(email, Api.PASSWORD).statusCode()).isEqualTo(200);
    assertThat(login(email, NEW_PASSWORD).statusCode()).isEqualTo(401);
  }

  @Test
  void aNewPasswordIsCheckedLikeASignUpPasswordAndMustDiffer() {
    String token = await(STACK.api().newSession()).getString("accessToken");

    HttpResponse<Buffer> tooShort = changePassword(token, Api.PASSWORD, "short");
    HttpResponse<Buffer> same = changePassword(token, Api.PASSWORD, Api.PASSWORD);
    HttpResponse<Buffer> missing = await(STACK.api().request(HttpMethod.PUT, "/api/v1/users/me/password")
        .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("newPassword", NEW_PASSWORD)));

    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(fields(tooShort)).containsExactly("newPassword");
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(fields(same)).containsExactly("newPassword");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(fields(missing)).containsExactly("currentPassword");
  }

  @Test
  void mySessionsAreListedWithTheCurrentOneMarkedAndOneCanBeEnded() {
    String email = Api.uniqueEmail();
    await(STACK.api().signUp(email));
    JsonObject phone = login(email, Api.PASSWORD).bodyAsJsonObject();
    JsonObject laptop = login(email, Api.PASSWORD).bodyAsJsonObject();
    JsonObject loggedOut = login(email, Api.PASSWORD).bodyAsJsonObject();
    await(STACK.api().request(HttpMethod.POST, "/api/v1/auth/logout")
        .bearerTokenAuthentication(loggedOut.getString("accessToken")).send());

    JsonArray sessions = sessions(phone.getString("accessToken"));

    assertThat(sessions).as("live sessions only").hasSize(2);
    String phoneSession = sessionId(phone.getString("accessToken"));
    String laptopSession = sessionId(laptop.getString("accessToken"));
    JsonObject current = sessions.stream().map(JsonObject.class::cast).filter(s -> s.getBoolean("current"))
        .findFirst().orElseThrow();
    assertThat(current.getString("id")).isEqualTo(phoneSession);
    assertThat(current.getString("clientAddress")).isNotBlank();
    assertThat(current.fieldNames()).containsExactlyInAnyOrder("id", "current", "startedAt", "lastActiveAt",
        "expiresAt", "clientAddress");

    HttpResponse<Buffer> ended = await(STACK.api().request(HttpMethod.DELETE, "/api/v1/users/me/sessions/" + laptopSession)
        .bearerTokenAuthentication(phone.getString("accessToken")).send());

    assertThat(ended.statusCode()).isEqualTo(204);
    assertThat(me(laptop.getString("accessToken")).statusCode()).isEqualTo(401);
    assertThat(refresh(laptop.getString("refreshToken")).statusCode()).isEqualTo(401);
    assertThat(me(phone.getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(sessions(phone.getString("accessToken"))).hasSize(1);
  }

  @Test
  void anotherUsersSessionCannotBeEndedAndLooksLikeNoSession() {
    JsonObject victim = await(STACK.api().newSession());
    String attacker = await(STACK.api().newSession()).getString("accessToken");

    HttpResponse<Buffer> foreign = await(STACK.api().request(HttpMethod.DELETE,
        "/api/v1/users/me/sessions/" + sessionId(victim.getString("accessToken"))).bearerTokenAuthentication(attacker).send());
    HttpResponse<Buffer> missing = await(STACK.api().request(HttpMethod.DELETE,
        "/api/v1/users/me/sessions/" + UUID.randomUUID()).bearerTokenAuthentication(attacker).send());

    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(withoutRequest(foreign)).isEqualTo(withoutRequest(missing));
    assertThat(me(victim.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void closingTheAccountEndsEverythingAndKeepsOnlyPseudonymousMoneyRecords() {
    var nhAccount = STACK.richestNhAccount();
    JsonObject user = await(STACK.userWithFinAccount(nhAccount));
    String token = user.getString("accessToken");
    String userId = me(token).bodyAsJsonObject().getString("id");
    String email = me(token).bodyAsJsonObject().getString("email");
    String callback = await(STACK.consent(token, STACK.sandbox().bank().personIds().get(0)));
    assertThat(await(STACK.completeConsent(callback)).getHeader("Location")).contains("result=linked");
    JsonObject merchant = await(STACK.merchant());
    String paymentId = await(STACK.paidCheckout(merchant, user, 700));

    HttpResponse<Buffer> wrong = close(token, "not my password");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(me(token).statusCode()).as("a wrong password closes nothing").isEqualTo(200);

    HttpResponse<Buffer> closed = close(token, Api.PASSWORD);

    assertThat(closed.statusCode()).as(closed.bodyAsString()).isEqualTo(204);
    assertThat(me(token).statusCode()).as("the session ended").isEqualTo(401);
    assertThat(login(email, Api.PASSWORD).statusCode()).as("no one can sign in to it").isEqualTo(401);
    Row person = row("SELECT email, name, password_hash, closed_at FROM users WHERE id = ?", userId);
    assertThat(person.getString("email")).doesNotContain(email).endsWith("@closed.invalid");
    assertThat(person.getString("name")).isEqualTo("(closed account)");
    assertThat(person.getString("password_hash")).doesNotStartWith("$argon2");
    assertThat(person.getLocalDateTime("closed_at")).isNotNull();
    assertThat(count("SELECT COUNT(*) AS n FROM bank_links WHERE user_id = ?", userId))
        .as("the KFTC tokens are destroyed").isZero();
    assertThat(count("SELECT COUNT(*) AS n FROM linked_accounts WHERE user_id = ? AND (status = 'LINKED' "
        + "OR holder_name IS NOT NULL OR alias IS NOT NULL)", userId)).as("accounts unlinked, names erased").isZero();
    assertThat(count("SELECT COUNT(*) AS n FROM fin_accounts WHERE user_id = ? AND deleted_at IS NULL", userId))
        .as("FinAccounts deleted").isZero();
    HttpResponse<Buffer> payment = await(STACK.api().request(HttpMethod.GET, "/api/v1/payments/" + paymentId)
        .putHeader("X-Api-Key", merchant.getString("apiKey")).send());
    assertThat(payment.statusCode()).as("the merchant still reads the payment").isEqualTo(200);
    HttpResponse<Buffer> refund = await(STACK.api().request(HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("X-Api-Key", merchant.getString("apiKey")).putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("amount", 700)));
    assertThat(refund.statusCode()).as("a refund still reaches the closed account's FinAccount: " + refund.bodyAsString())
        .isEqualTo(201);
    assertThat(await(STACK.api().signUp(email)).statusCode()).as("the email is free again").isEqualTo(201);
  }

  @Test
  void anAccountWithAPaymentStillUnsettledCannotBeClosedYet() {
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String token = user.getString("accessToken");
    JsonObject merchant = await(STACK.merchant());
    STACK.nh().faults().failNext("DrawingTransfer", 1, "E9999", "maintenance");
    String checkoutId = await(STACK.checkout(merchant, 300));
    HttpResponse<Buffer> unknown = await(STACK.pay(token, checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    assertThat(unknown.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");

    HttpResponse<Buffer> refused = close(token, Api.PASSWORD);

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("movements_in_progress");
    assertThat(me(token).statusCode()).as("nothing was closed").isEqualTo(200);
    assertThat(await(STACK.api().get("/api/v1/fin-accounts", token)).bodyAsJsonObject().getJsonArray("items"))
        .hasSize(1);
  }

  private static HttpResponse<Buffer> close(String token, String password) {
    return await(STACK.api().request(HttpMethod.POST, "/api/v1/users/me/close").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("password", password)));
  }

  private static HttpResponse<Buffer> changePassword(String token, String current, String next) {
    return await(STACK.api().request(HttpMethod.PUT, "/api/v1/users/me/password").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("currentPassword", current).put("newPassword", next)));
  }

  private static HttpResponse<Buffer> login(String email, String password) {
    return await(STACK.api().login(email, password));
  }

  private static HttpResponse<Buffer> me(String token) {
    return await(STACK.api().get("/api/v1/users/me", token));
  }

  private static HttpResponse<Buffer> refresh(String refreshToken) {
    return await(STACK.api().post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", refreshToken)));
  }

  private static JsonArray sessions(String token) {
    HttpResponse<Buffer> response = await(STACK.api().get("/api/v1/users/me/sessions", token));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  /** The {@code sid} claim of an access token: the session id the API lists. */
  private static String sessionId(String accessToken) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1])))
        .getString("sid");
  }

  private static java.util.List<String> fields(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
  }

  private static JsonObject withoutRequest(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject().copy();
    body.remove("requestId");
    body.remove("instance");
    return body;
  }

  private static Row row(String sql, String id) {
    return await(STACK.mysql().preparedQuery(sql).execute(Tuple.of(id))).iterator().next();
  }

  private static long count(String sql, String id) {
    return row(sql, id).getLong("n");
  }
}
