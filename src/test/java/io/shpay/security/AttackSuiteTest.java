package io.shpay.security;

import java.time.Duration;
import io.shpay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.api.ApiVerticle.MountedRoute;
import io.shpay.testing.Api;
import io.shpay.testing.BankingStack;
import io.shpay.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standing attack suite. It reads every route the API mounted from its router (a new route is attacked without
 * anyone listing it here), works out which credential each takes by asking it, then sends every attack that applies,
 * all in parallel on one stack: no or the wrong kind of credential, forged and dead tokens, another user's and another
 * merchant's ids, oversized bodies and headers, malformed JSON and escapes, unknown fields, hostile webhook URLs.
 * Every answer must be a 4xx problem+json; an id that belongs to someone else must get exactly the answer of an id
 * that does not exist; no answer and no log line may carry a token, password, API key, webhook secret or full account
 * number. All failures are reported together.
 */
class AttackSuiteTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,chat")
      .put("SHPAY_WEBHOOKS_SIGNING_SECRET", "attack-suite-webhook-master-secret-0123456789"), UnaryOperator.identity());

  private static final Set<String> OPERATIONS = Set.of("/health/live", "/health/ready", "/metrics", "/openapi.yaml",
      "/openapi.json", "/docs");
  private static final Pattern PARAM = Pattern.compile(":([A-Za-z]+)");
  private static final String MISSING_ID = "00000000-0000-4000-8000-000000000000";
  /** Bodies that pass validation, so an id check is what answers. */
  private static final Map<String, JsonObject> VALID_BODIES = Map.of(
      "POST /api/v1/checkouts/:checkoutId/pay", new JsonObject().put("accountId", MISSING_ID),
      "POST /api/v1/payments/:paymentId/refunds", new JsonObject().put("amount", 100),
      "PUT /api/v1/admin/users/:userId/role", new JsonObject().put("role", "ADMIN"),
      "PUT /api/v1/fin-accounts/:finAccountId/nickname", new JsonObject().put("nickname", "attack"),
      "POST /api/v1/fin-accounts/:finAccountId/verify", new JsonObject().put("code", "1234"),
      "PUT /api/v1/accounts/:accountId/alias", new JsonObject().put("alias", "attack"));

  private static final CapturedLogs LOGS = new CapturedLogs();
  private static WebClient client;
  private static final List<String> secrets = new ArrayList<>();
  private static final Map<String, String> foreignIds = new LinkedHashMap<>();
  private static String attackerEmail;
  private static String attackerMerchantKey;
  private static String revokedMerchantKey;
  private static String expiredToken;
  private static String revokedToken;
  private static Map<String, String> forgeries;
  private static String victimAccountId;
  private static String victimFinAccountId;
  private static String victimCheckoutId;

  enum Guard { PUBLIC, USER, MERCHANT, UNKNOWN }

  /** What asking a route with an empty JSON object taught: its guard, and whether it reads a body at all. */
  record Probe(Guard guard, boolean readsBody) {}

  record Answer(int status, String contentType, String body) {
    JsonObject comparable() {
      try {
        JsonObject json = new JsonObject(body).copy();
        json.remove("requestId");
        json.remove("instance");
        return json;
      } catch (RuntimeException notJson) {
        return new JsonObject().put("raw", body);
      }
    }
  }

  record Attack(MountedRoute route, String name, Future<Answer> answer, int expectedStatus) {}

  @BeforeAll
  static void fixtures() throws Exception {
    LOGS.start();
    client = WebClient.create(STACK.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(STACK.app().port()).setMaxHeaderSize(64 * 1024), new PoolOptions().setHttp1MaxSize(128));
    secrets.addAll(List.of(Api.PASSWORD, BankingStack.ADMIN_PASSWORD));

    JsonObject attacker = await(STACK.linkedUser(person(0)));
    String attackerToken = attacker.getString("accessToken");
    attackerEmail = await(STACK.api().get("/api/v1/users/me", attackerToken)).bodyAsJsonObject().getString("email");
    JsonObject victim = await(STACK.linkedUser(person(1)));
    String victimToken = victim.getString("accessToken");
    secrets.addAll(List.of(attackerToken, victimToken));
    victimAccountId = victim.getJsonArray("accounts").getJsonObject(0).getString("id");
    foreignIds.put("accountId", victimAccountId);
    foreignIds.put("userId", await(STACK.api().get("/api/v1/users/me", victimToken)).bodyAsJsonObject().getString("id"));
    foreignIds.put("sessionId", new JsonObject(new String(java.util.Base64.getUrlDecoder()
        .decode(victimToken.split("\\.")[1]))).getString("sid"));
    var transfer = await(STACK.transfer(victimToken, "withdraw", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", victimAccountId).put("amount", 1000)));
    foreignIds.put("transferId", transfer.bodyAsJsonObject().getString("id"));
    String conversation = await(STACK.api().request(HttpMethod.POST, "/api/v1/chat/messages")
        .bearerTokenAuthentication(victimToken).sendJsonObject(new JsonObject().put("message", "hello")))
        .bodyAsJsonObject().getString("conversationId");
    foreignIds.put("conversationId", conversation);

    JsonObject attackerMerchant = await(STACK.merchant());
    JsonObject victimMerchant = await(STACK.merchant());
    JsonObject revokedMerchant = await(STACK.merchant());
    attackerMerchantKey = attackerMerchant.getString("apiKey");
    revokedMerchantKey = revokedMerchant.getString("apiKey");
    secrets.addAll(List.of(attackerMerchantKey, victimMerchant.getString("apiKey"), revokedMerchantKey));
    foreignIds.put("merchantId", victimMerchant.getString("id"));
    String admin = await(STACK.api().login(BankingStack.ADMIN_EMAIL, BankingStack.ADMIN_PASSWORD))
        .bodyAsJsonObject().getString("accessToken");
    secrets.add(admin);
    await(STACK.api().request(HttpMethod.DELETE, "/api/v1/admin/merchants/" + revokedMerchant.getString("id") + "/api-key")
        .bearerTokenAuthentication(admin).send());

    var nhAccount = STACK.richestNhAccount();
    secrets.add(nhAccount.accountNumber());
    JsonObject payer = await(STACK.userWithFinAccount(nhAccount));
    secrets.add(payer.getString("accessToken"));
    victimFinAccountId = payer.getString("finAccountId");
    foreignIds.put("finAccountId", victimFinAccountId);
    foreignIds.put("paymentId", await(STACK.paidCheckout(victimMerchant, payer, 1000)));
    victimCheckoutId = await(STACK.checkout(victimMerchant, 500));

    var webhook = await(client.put("/api/v1/merchant/webhook").putHeader("X-Api-Key", attackerMerchantKey)
        .sendJsonObject(new JsonObject().put("url", "https://hooks.example.com/shpay")));
    if (webhook.statusCode() == 200 && webhook.bodyAsJsonObject().getString("secret") != null) {
      secrets.add(webhook.bodyAsJsonObject().getString("secret"));
    }

    JsonObject dead = await(STACK.api().newSession());
    revokedToken = dead.getString("accessToken");
    secrets.addAll(List.of(revokedToken, dead.getString("refreshToken")));
    await(STACK.api().request(HttpMethod.POST, "/api/v1/auth/logout").bearerTokenAuthentication(revokedToken).send());
    JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(attackerToken.split("\\.")[1])));
    expiredToken = signer().generateToken(new JsonObject().put("role", "USER").put("sid", claims.getString("sid"))
        .put("sub", claims.getString("sub")).put("iss", "shpay")
        .put("iat", System.currentTimeMillis() / 1000 - 3600).put("exp", System.currentTimeMillis() / 1000 - 600),
        new JWTOptions().setAlgorithm("ES256").setNoTimestamp(true));
    forgeries = Forgeries.of(attackerToken, TestApp.KEYS.publicKey());
  }

  @AfterAll
  static void stop() {
    LOGS.stop();
  }

  @Test
  void everyRouteAnswersEveryAttackWithA4xxProblemAndLeaksNothing() throws Exception {
    List<MountedRoute> routes = STACK.app().app().apiRoutes();
    assertThat(routes).as("routes read from the router").hasSizeGreaterThan(25);

    // Step 1: which credential does each route take? Ask it, each with a session of its own (a route may end it).
    Map<MountedRoute, String> sessions = new LinkedHashMap<>();
    List<Future<String>> logins = routes.stream().map(route -> attackerSessionAsync()).toList();
    await(Future.all(logins));
    for (int i = 0; i < routes.size(); i++) {
      sessions.put(routes.get(i), logins.get(i).result());
    }
    Map<MountedRoute, Future<Probe>> asked = new LinkedHashMap<>();
    for (MountedRoute route : routes) {
      asked.put(route, guardOf(route, sessions.get(route)));
    }
    await(Future.all(new ArrayList<>(asked.values())));
    Map<MountedRoute, Probe> probes = new LinkedHashMap<>();
    asked.forEach((route, probe) -> probes.put(route, probe.result()));

    // Step 2: every attack that applies, all at once.
    List<Attack> attacks = new ArrayList<>();
    for (MountedRoute route : routes) {
      attacks.addAll(attacksOn(route, probes.get(route), sessions.get(route)));
    }
    attacks.addAll(foreignIdsInBodies(attackerSession()));
    attacks.addAll(hostileWebhookUrls());
    await(Future.join(attacks.stream().map(Attack::answer).toList()));

    // Step 3: judge them all.
    List<String> failures = new ArrayList<>();
    Map<String, Integer> perAttack = new TreeMap<>();
    for (Attack attack : attacks) {
      perAttack.merge(attack.name(), 1, Integer::sum);
      judge(attack, failures);
    }
    failures.addAll(sameAnswerForForeignAndMissing(attacks));
    String logs = LOGS.rendered();
    assertThat(logs).as("the log capture works").contains("/api/v1/");
    for (String secret : secrets) {
      if (logs.contains(secret)) {
        failures.add("a log line carries a secret: " + secret.substring(0, Math.min(6, secret.length())) + "…");
      }
    }
    for (Map.Entry<MountedRoute, Probe> unknown : probes.entrySet()) {
      if (unknown.getValue().guard() == Guard.UNKNOWN) {
        failures.add(unknown.getKey() + " accepts neither a user token nor a merchant key");
      }
    }
    System.out.printf("Attack suite: %d routes, %d attacks (%s)%n", routes.size(), attacks.size(), perAttack);
    assertThat(failures).as("%d attacks on %d routes", attacks.size(), routes.size()).isEmpty();
  }

  /**
   * Asks without a credential, with a user token, then with a merchant key; the first answer that is not a 401 tells
   * the guard, and whether that answer named invalid fields tells whether the route reads a body.
   */
  private static Future<Probe> guardOf(MountedRoute route, String session) {
    if (OPERATIONS.contains(route.path()) || !route.path().startsWith("/api/")) {
      return Future.succeededFuture(new Probe(Guard.PUBLIC, false));
    }
    String path = fill(route.path(), name -> MISSING_ID);
    return send(route.method(), path, Map.of(), json(new JsonObject())).compose(anonymous -> {
      if (anonymous.status() != 401) {
        return Future.succeededFuture(new Probe(Guard.PUBLIC, readsBody(anonymous)));
      }
      return send(route.method(), path, bearer(session), json(new JsonObject())).compose(asUser -> asUser.status() != 401
          ? Future.succeededFuture(new Probe(Guard.USER, readsBody(asUser)))
          : send(route.method(), path, Map.of("X-Api-Key", attackerMerchantKey), json(new JsonObject()))
              .map(asMerchant -> asMerchant.status() != 401 ? new Probe(Guard.MERCHANT, readsBody(asMerchant))
                  : new Probe(Guard.UNKNOWN, false)));
    });
  }

  private static boolean readsBody(Answer answer) {
    return answer.status() == 400 && "validation_failed".equals(answer.comparable().getString("code"));
  }

  private static List<Attack> attacksOn(MountedRoute route, Probe probe, String session) {
    Guard guard = probe.guard();
    List<Attack> attacks = new ArrayList<>();
    String missingPath = fill(route.path(), name -> MISSING_ID);
    Map<String, String> valid = switch (guard) {
      case USER -> bearer(session);
      case MERCHANT -> Map.of("X-Api-Key", attackerMerchantKey);
      default -> Map.of();
    };
    boolean hasBody = route.method().equals("POST") || route.method().equals("PUT");
    Buffer body = json(VALID_BODIES.getOrDefault(route.method() + " " + route.path(), new JsonObject()));

    // At the edge, whoever asks.
    attacks.add(attack(route, "malformed % escape in the query", 400, send(route.method(), missingPath + "?q=%zz", valid, body)));
    attacks.add(attack(route, "oversized header", 431, send(route.method(), missingPath,
        with(valid, "X-Padding", "a".repeat(10_000)), body)));
    if (route.path().contains(":")) {
      attacks.add(attack(route, "malformed % escape in the path", 0, send(route.method(),
          fill(route.path(), name -> "%zz"), valid, body)));
    }
    if (guard == Guard.PUBLIC && OPERATIONS.contains(route.path())) {
      return attacks;
    }
    if (hasBody) {
      attacks.add(attack(route, "oversized body", 413, send(route.method(), missingPath, valid,
          json(new JsonObject().put("padding", "a".repeat(70_000))))));
    }
    if (hasBody && probe.readsBody()) {
      attacks.add(attack(route, "malformed JSON", 400, send(route.method(), missingPath, valid, Buffer.buffer("{\"a\":"))));
      attacks.add(attack(route, "unknown field", 400, send(route.method(), missingPath, valid,
          json(new JsonObject().put("unexpectedField", true)))));
    }
    if (guard == Guard.USER) {
      attacks.add(attack(route, "no credentials", 401, send(route.method(), missingPath, Map.of(), body)));
      attacks.add(attack(route, "merchant key on a user route", 401, send(route.method(), missingPath,
          Map.of("X-Api-Key", attackerMerchantKey), body)));
      attacks.add(attack(route, "expired token", 401, send(route.method(), missingPath, bearer(expiredToken), body)));
      attacks.add(attack(route, "revoked session", 401, send(route.method(), missingPath, bearer(revokedToken), body)));
      forgeries.forEach((name, forged) -> attacks.add(attack(route, name, 401,
          send(route.method(), missingPath, bearer(forged), body))));
    }
    if (guard == Guard.MERCHANT) {
      attacks.add(attack(route, "no credentials", 401, send(route.method(), missingPath, Map.of(), body)));
      attacks.add(attack(route, "user token on a merchant route", 401, send(route.method(), missingPath,
          bearer(session), body)));
      attacks.add(attack(route, "tampered API key", 401, send(route.method(), missingPath,
          Map.of("X-Api-Key", attackerMerchantKey + "x"), body)));
      attacks.add(attack(route, "revoked API key", 401, send(route.method(), missingPath,
          Map.of("X-Api-Key", revokedMerchantKey), body)));
    }
    if ((guard == Guard.USER || guard == Guard.MERCHANT) && route.path().contains(":")) {
      attacks.add(attack(route, "missing id", 0, send(route.method(), missingPath, valid, body)));
      String foreignPath = fill(route.path(), name -> foreignIds.getOrDefault(name, MISSING_ID));
      if (!foreignPath.equals(missingPath)) {
        attacks.add(attack(route, "another's id", 0, send(route.method(), foreignPath, valid, body)));
      }
    }
    return attacks;
  }

  /** Ids in bodies: paying or moving money from another user's account is the same as from no account. */
  private static List<Attack> foreignIdsInBodies(String session) {
    List<Attack> attacks = new ArrayList<>();
    MountedRoute withdraw = new MountedRoute("POST", "/api/v1/transfers/withdraw");
    MountedRoute pay = new MountedRoute("POST", "/api/v1/checkouts/:checkoutId/pay");
    for (String id : List.of(MISSING_ID, victimAccountId)) {
      String name = id.equals(MISSING_ID) ? "missing id" : "another's id";
      attacks.add(attack(withdraw, name, 0, send("POST", withdraw.path(), bearer(session),
          json(new JsonObject().put("accountId", id).put("amount", 1000)))));
    }
    for (String id : List.of(MISSING_ID, victimFinAccountId)) {
      String name = id.equals(MISSING_ID) ? "missing id" : "another's id";
      attacks.add(attack(pay, name + " in the body", 0, send("POST", "/api/v1/checkouts/" + victimCheckoutId + "/pay",
          bearer(session), json(new JsonObject().put("accountId", id)))));
    }
    return attacks;
  }

  private static List<Attack> hostileWebhookUrls() {
    MountedRoute route = new MountedRoute("PUT", "/api/v1/merchant/webhook");
    List<Attack> attacks = new ArrayList<>();
    for (String url : List.of("http://hooks.example.com/plain-http", "https://127.0.0.1/hook", "https://localhost/hook",
        "https://[::1]/hook", "https://169.254.169.254/latest/meta-data", "https://10.0.0.5/hook",
        "https://192.168.1.1/hook", "https://100.64.0.1/hook", "https://[fd00::1]/hook", "file:///etc/passwd",
        "gopher://hooks.example.com/", "https://user:pass@hooks.example.com/", "javascript:alert(1)")) {
      attacks.add(attack(route, "hostile webhook URL", 400, send("PUT", route.path(), Map.of("X-Api-Key", attackerMerchantKey),
          json(new JsonObject().put("url", url)))));
    }
    return attacks;
  }

  private static void judge(Attack attack, List<String> failures) {
    Answer answer = attack.answer().result();
    String where = attack.route() + " / " + attack.name() + ": ";
    if (answer.status() < 0) {
      failures.add(where + "no answer within the time limit");
      return;
    }
    if (answer.status() < 400 || answer.status() > 499) {
      failures.add(where + "answered " + answer.status() + " " + abbreviate(answer.body()));
      return;
    }
    if (attack.expectedStatus() != 0 && answer.status() != attack.expectedStatus()) {
      failures.add(where + "answered " + answer.status() + " instead of " + attack.expectedStatus() + " "
          + abbreviate(answer.body()));
    }
    if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
      failures.add(where + "answered " + answer.status() + " as " + answer.contentType() + ", not problem+json");
    }
    for (String secret : secrets) {
      if (answer.body().contains(secret)) {
        failures.add(where + "the answer carries a secret");
      }
    }
  }

  /** For each route, another's id must get exactly what a missing id gets, and that is a 404 or the role's 403. */
  private static List<String> sameAnswerForForeignAndMissing(List<Attack> attacks) {
    List<String> failures = new ArrayList<>();
    Map<String, Answer> missing = new LinkedHashMap<>();
    for (Attack attack : attacks) {
      if (attack.name().startsWith("missing id")) {
        missing.put(attack.route() + attack.name().substring("missing id".length()), attack.answer().result());
      }
    }
    for (Attack attack : attacks) {
      if (!attack.name().startsWith("another's id")) {
        continue;
      }
      Answer foreign = attack.answer().result();
      Answer absent = missing.get(attack.route() + attack.name().substring("another's id".length()));
      if (absent == null) {
        continue;
      }
      if (foreign.status() != absent.status() || !foreign.comparable().equals(absent.comparable())) {
        failures.add(attack.route() + " / " + attack.name() + ": answered " + foreign.status() + " "
            + abbreviate(foreign.body()) + " but a missing id gets " + absent.status() + " " + abbreviate(absent.body()));
      } else if (absent.status() != 404 && absent.status() != 403) {
        failures.add(attack.route() + " / " + attack.name() + ": a missing id gets " + absent.status() + ", not 404");
      }
    }
    return failures;
  }

  private static Attack attack(MountedRoute route, String name, int expectedStatus, Future<Answer> answer) {
    return new Attack(route, name, answer, expectedStatus);
  }

  private static Future<Answer> send(String method, String path, Map<String, String> headers, Buffer body) {
    HttpRequest<Buffer> request = client.request(HttpMethod.valueOf(method), path).timeout(10_000)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .putHeader("Accept", "application/json");
    headers.forEach(request::putHeader);
    Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent = method.equals("GET") || method.equals("DELETE")
        ? request.send()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body);
    // A route that streams (server-sent events) never ends its answer: after a while, no answer is the answer.
    return sent.timeout(12, TimeUnit.SECONDS)
        .map(response -> new Answer(response.statusCode(), response.getHeader("Content-Type"),
            response.bodyAsString() == null ? "" : response.bodyAsString()))
        .otherwise(failure -> new Answer(-1, null, String.valueOf(failure)));
  }

  private static String attackerSession() throws Exception {
    return await(attackerSessionAsync());
  }

  private static Future<String> attackerSessionAsync() {
    return STACK.api().login(attackerEmail, Api.PASSWORD).map(login -> {
      String token = login.bodyAsJsonObject().getString("accessToken");
      synchronized (secrets) {
        secrets.add(token);
      }
      return token;
    });
  }

  private static String fill(String path, UnaryOperator<String> value) {
    Matcher matcher = PARAM.matcher(path);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(filled, Matcher.quoteReplacement(value.apply(matcher.group(1))));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return all;
  }

  private static Buffer json(JsonObject body) {
    return body.toBuffer();
  }

  private static String abbreviate(String body) {
    return body.length() > 160 ? body.substring(0, 160) + "…" : body;
  }

  private static String person(int index) {
    return STACK.sandbox().bank().personIds().get(index);
  }

  private static JWTAuth signer() {
    return JWTAuth.create(STACK.vertx(), new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(TestApp.KEYS.privateKey().reveal()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(TestApp.KEYS.publicKey())));
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(120));
  }
}
