package io.shpay.testing;

import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.kftc.KftcSandboxOptions;
import io.shpay.sandbox.nh.FinAccountProof;
import io.shpay.sandbox.nh.NhSandbox;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * SH Pay with every banking role (open banking and payments), talking to a KFTC sandbox and an
 * NH sandbox of its own, for one test class. The KFTC sandbox approves consent at once, so a test
 * links a user's banks with {@link #linkedUser}; an admin is seeded for creating merchants.
 */
public final class BankingStack implements BeforeAllCallback, AfterAllCallback {

  /** KFTC sends the browser here; tests read code and state from the redirect and call our callback themselves. */
  public static final String REDIRECT_URI = "http://127.0.0.1/api/v1/openbanking/callback";
  public static final String ADMIN_EMAIL = "stack-admin@example.com";
  public static final String ADMIN_PASSWORD = "stack admin password";

  private final JsonObject overrides;
  private final UnaryOperator<KftcSandboxOptions> sandboxOptions;
  private final MutableClock clock = MutableClock.startingNow();
  private Vertx vertx;
  private KftcSandbox sandbox;
  private NhSandbox nh;
  private TestApp app;
  private Api api;
  private WebClient browser;
  private KftcSandboxOptions kftcOptions;
  private byte[] tokenKey;
  private JsonObject config;
  private FinAccountProof proof;
  private io.vertx.sqlclient.Pool mysql;
  private final java.util.Map<String, String> consentCookies = new java.util.concurrent.ConcurrentHashMap<>();
  private Future<?> finAccountQueue = Future.succeededFuture();

  public BankingStack() {
    this(new JsonObject(), UnaryOperator.identity());
  }

  public BankingStack(JsonObject overrides, UnaryOperator<KftcSandboxOptions> sandboxOptions) {
    this.overrides = overrides;
    this.sandboxOptions = sandboxOptions;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    KftcSandboxOptions options = sandboxOptions.apply(KftcSandboxOptions.defaults()
        .withAutoApprove(true)
        .withRedirectUri(REDIRECT_URI));
    sandbox = await(KftcSandbox.start(vertx, options));
    nh = await(NhSandbox.start(vertx, NhSandboxOptions.defaults()));
    kftcOptions = options;
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    tokenKey = key;
    JsonObject config = new JsonObject()
        .put("SHPAY_ROLES", "api,user,openbanking,payment")
        .put("SHPAY_ADMIN_EMAIL", ADMIN_EMAIL)
        .put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .put("SHPAY_NH_BASE_URL", nh.baseUrl())
        .put("SHPAY_NH_ISCD", NhSandboxOptions.defaults().iscd())
        .put("SHPAY_NH_ACCESS_TOKEN", NhSandboxOptions.defaults().accessToken())
        .put("SHPAY_NH_TIMEOUT", "PT2S")
        .put("SHPAY_KFTC_BASE_URL", sandbox.baseUrl())
        .put("SHPAY_KFTC_CLIENT_ID", options.clientId())
        .put("SHPAY_KFTC_CLIENT_SECRET", options.clientSecret())
        .put("SHPAY_KFTC_REDIRECT_URI", REDIRECT_URI)
        .put("SHPAY_KFTC_CONTRACT_ACCOUNT_NUM", "1002003004005")
        .put("SHPAY_KFTC_DEPOSIT_PASS_PHRASE", "NONE")
        .put("SHPAY_KFTC_TIMEOUT", "PT2S")
        .put("SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key))
        .mergeIn(overrides);
    this.config = config.copy();
    app = await(TestApp.start(config, clock));
    api = new Api(vertx, app);
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    proof = new FinAccountProof(vertx, nh.baseUrl(), NhSandboxOptions.defaults());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (mysql != null) {
      await(mysql.close());
    }
    if (app != null) {
      await(app.close());
    }
    if (sandbox != null) {
      await(sandbox.close());
    }
    if (nh != null) {
      await(nh.close());
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  /** A new SH Pay user who consented at KFTC as the given sandbox person: {@code {accessToken, accounts}}. */
  public Future<JsonObject> linkedUser(String personSeqNo) {
    return api.newSession().compose(session -> {
      String accessToken = session.getString("accessToken");
      return consent(accessToken, personSeqNo)
          .compose(this::completeConsent)
          .compose(response -> {
            String location = response.getHeader("Location");
            if (response.statusCode() != 302 || location == null || !location.contains("result=linked")) {
              throw new AssertionError("consent callback failed: " + response.statusCode() + " " + location);
            }
            return api.get("/api/v1/accounts", accessToken);
          })
          .map(accounts -> new JsonObject().put("accessToken", accessToken)
              .put("accounts", accounts.bodyAsJsonObject().getJsonArray("items", new JsonArray())));
    });
  }

  /**
   * Asks SH Pay for the consent URL, approves it at the sandbox, and returns our callback path with code and
   * state. The consent cookie SH Pay set is kept for that state, as the browser that asked would keep it:
   * {@link #completeConsent} sends it, {@code api().get(callback, null)} is a browser without it.
   */
  public Future<String> consent(String accessToken, String personSeqNo) {
    return api.get("/api/v1/openbanking/authorize", accessToken).compose(authorize -> {
      String url = authorize.bodyAsJsonObject().getString("authorizeUrl");
      String state = query("/x?" + url.split("\\?", 2)[1]).get("state");
      consentCookies.put(state, consentCookie(authorize));
      return browser.getAbs(url + "&sandbox_person=" + personSeqNo).send();
    }).map(redirect -> {
      String location = redirect.getHeader("Location");
      if (redirect.statusCode() != 302 || location == null) {
        throw new AssertionError("sandbox did not redirect: " + redirect.statusCode() + " " + redirect.bodyAsString());
      }
      URI uri = URI.create(location);
      return uri.getRawPath() + "?" + uri.getRawQuery();
    });
  }

  /** The browser that started the consent lands on our callback, with its consent cookie: the (redirect) response. */
  public Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> completeConsent(String callbackPath) {
    String cookie = consentCookies.get(query(callbackPath).get("state"));
    var request = api.request(HttpMethod.GET, callbackPath);
    return (cookie == null ? request : request.putHeader("Cookie", cookie)).send();
  }

  /** {@code name=value} of the consent cookie an authorize response set. */
  public static String consentCookie(io.vertx.ext.web.client.HttpResponse<?> authorize) {
    return authorize.cookies().stream().filter(c -> c.startsWith("shpay_consent=")).findFirst()
        .map(c -> c.split(";", 2)[0])
        .orElseThrow(() -> new AssertionError("authorize set no consent cookie: " + authorize.cookies()));
  }

  /** Query parameters of a callback path, for tests that tamper with them. */
  public static MultiMap query(String callbackPath) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    for (String pair : URI.create(callbackPath).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.add(kv[0], java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", java.nio.charset.StandardCharsets.UTF_8));
    }
    return params;
  }

  public Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> transfer(String accessToken,
      String kind, String idempotencyKey, JsonObject body) {
    // kind "" is a move between the caller's own accounts (POST /api/v1/transfers), "withdraw" one to SH Pay.
    var request = api.request(HttpMethod.POST, kind.isEmpty() ? "/api/v1/transfers" : "/api/v1/transfers/" + kind)
        .bearerTokenAuthentication(accessToken);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return request.sendJsonObject(body);
  }

  /** The KFTC fintech_use_num behind one of SH Pay's account ids, read from MySQL (the API never shows it). */
  public Future<String> fintechUseNum(String accountId) {
    return mysql().preparedQuery("SELECT fintech_use_num FROM linked_accounts WHERE id = ?")
        .execute(io.vertx.sqlclient.Tuple.of(accountId))
        .map(rows -> rows.iterator().next().getString("fintech_use_num"));
  }

  /** The NH FinAcno behind one of SH Pay's FinAccount ids, read from MySQL (the API never shows it). */
  public Future<String> finAcno(String finAccountId) {
    return mysql().preparedQuery("SELECT fin_acno FROM fin_accounts WHERE id = ?")
        .execute(io.vertx.sqlclient.Tuple.of(finAccountId))
        .map(rows -> rows.iterator().next().getString("fin_acno"));
  }

  /**
   * A pool straight to the test database (never through a test's fault proxy), for tests that read or
   * age rows the API does not show; opened on first use, closed with the stack.
   */
  public synchronized io.vertx.sqlclient.Pool mysql() {
    if (mysql == null) {
      mysql = io.vertx.mysqlclient.MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(vertx).build();
    }
    return mysql;
  }

  /** A client for fifty-odd requests racing at once (close it after the race). */
  public WebClient racingClient() {
    return Api.racingClient(vertx, 64);
  }

  /** A new merchant created by the seeded admin: {@code {id, name, apiKey}}. */
  public Future<JsonObject> merchant() {
    return api.login(ADMIN_EMAIL, ADMIN_PASSWORD).compose(login -> api.request(HttpMethod.POST, "/api/v1/admin/merchants")
        .bearerTokenAuthentication(login.bodyAsJsonObject().getString("accessToken"))
        .sendJsonObject(new JsonObject().put("name", "Shop " + java.util.UUID.randomUUID().toString().substring(0, 8))))
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new AssertionError("merchant creation failed: " + response.bodyAsString());
          }
          return response.bodyAsJsonObject();
        });
  }

  /** A new user whom the seeded admin made SUPPORT, logged in afterwards: their access token. */
  public Future<String> supportSession() {
    String email = Api.uniqueEmail();
    return api.signUp(email).compose(created -> api.login(ADMIN_EMAIL, ADMIN_PASSWORD).compose(admin ->
            api.request(HttpMethod.PUT, "/api/v1/admin/users/" + created.bodyAsJsonObject().getString("id") + "/role")
                .bearerTokenAuthentication(admin.bodyAsJsonObject().getString("accessToken"))
                .sendJsonObject(new JsonObject().put("role", "SUPPORT"))))
        .compose(changed -> api.login(email, Api.PASSWORD))
        .map(login -> login.bodyAsJsonObject().getString("accessToken"));
  }

  /** A checkout of {@code amount} won by the merchant: its id. */
  public Future<String> checkout(JsonObject merchant, long amount) {
    return api.request(HttpMethod.POST, "/api/v1/checkouts").putHeader("X-Api-Key", merchant.getString("apiKey"))
        .sendJsonObject(new JsonObject().put("orderId", "order-" + java.util.UUID.randomUUID())
            .put("amount", amount).put("itemName", "Coffee beans 1kg"))
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new AssertionError("checkout failed: " + response.bodyAsString());
          }
          return response.bodyAsJsonObject().getString("id");
        });
  }

  /**
   * A checkout of {@code amount} by the merchant, paid by {@code user} (from {@link #userWithFinAccount})
   * from their FinAccount: the payment id, whatever the bank decided.
   */
  public Future<String> paidCheckout(JsonObject merchant, JsonObject user, long amount) {
    return checkout(merchant, amount).compose(checkoutId -> pay(user.getString("accessToken"), checkoutId,
        user.getString("finAccountId"), java.util.UUID.randomUUID().toString())).map(paid -> {
          if (paid.statusCode() != 200) {
            throw new AssertionError("pay failed: " + paid.bodyAsString());
          }
          return paid.bodyAsJsonObject().getString("id");
        });
  }

  /**
   * A new user, named as the account's holder, with a verified NH FinAccount over the given seeded
   * NH account: {@code {accessToken, finAccountId}}. Registrations run one at a time, so that each
   * reads its own 1-won deposit's code from the account's history.
   */
  public synchronized Future<JsonObject> userWithFinAccount(io.shpay.sandbox.nh.Account account) {
    Future<JsonObject> registered = finAccountQueue.transform(previous -> api.newSession(account.holderName())
        .compose(session -> {
          String token = session.getString("accessToken");
          return registerFinAccount(token, account).compose(id -> confirmFinAccount(token, id, account))
              .map(verified -> new JsonObject().put("accessToken", token).put("finAccountId", verified.getString("id")));
        }));
    finAccountQueue = registered.map(done -> null);
    return registered;
  }

  /** {@code POST /api/v1/fin-accounts} for the account: the new, not yet verified, FinAccount's id. */
  public Future<String> registerFinAccount(String accessToken, io.shpay.sandbox.nh.Account account) {
    return api.request(HttpMethod.POST, "/api/v1/fin-accounts").bearerTokenAuthentication(accessToken)
        .sendJsonObject(new JsonObject().put("bankCode", account.bankCode()).put("accountNumber", account.accountNumber())
            .put("birthDate", account.birthDate()))
        .map(response -> {
          if (response.statusCode() != 201) {
            throw new AssertionError("fin account failed: " + response.bodyAsString());
          }
          return response.bodyAsJsonObject().getString("id");
        });
  }

  /** Reads the code of the newest 1-won deposit into the account from the NH sandbox and confirms it. */
  public Future<JsonObject> confirmFinAccount(String accessToken, String finAccountId, io.shpay.sandbox.nh.Account account) {
    return proof.confirm(api.request(HttpMethod.POST, "/api/v1/fin-accounts/" + finAccountId + "/verify")
        .bearerTokenAuthentication(accessToken), account.bankCode(), account.accountNumber());
  }

  public FinAccountProof finAccountProof() {
    return proof;
  }

  /** A user pays a checkout from one of their accounts. */
  public Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> pay(String accessToken,
      String checkoutId, String accountId, String idempotencyKey) {
    return pay(null, accessToken, checkoutId, accountId, idempotencyKey);
  }

  /** The same through {@code client} (the stack's own when null). */
  public Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> pay(WebClient client,
      String accessToken, String checkoutId, String accountId, String idempotencyKey) {
    String path = "/api/v1/checkouts/" + checkoutId + "/pay";
    return (client == null ? api.request(HttpMethod.POST, path) : api.request(client, HttpMethod.POST, path))
        .bearerTokenAuthentication(accessToken).putHeader("Idempotency-Key", idempotencyKey)
        .sendJsonObject(new JsonObject().put("accountId", accountId));
  }

  /** Seeded NH accounts of people (SH Pay's own settlement account has a business number instead). */
  public java.util.List<io.shpay.sandbox.nh.Account> nhPersonalAccounts() {
    return nh.bank().accounts().stream().filter(a -> a.birthDate().length() == 8).toList();
  }

  /** The personal NH account with the most money, so tests do not run each other dry. */
  public io.shpay.sandbox.nh.Account richestNhAccount() {
    return nhPersonalAccounts().stream()
        .max(java.util.Comparator.comparingLong(a -> nh.bank().balance(a.bankCode(), a.accountNumber())))
        .orElseThrow();
  }

  /** The personal NH account with the least money: charging it more than it holds fails at the bank. */
  public io.shpay.sandbox.nh.Account poorestNhAccount() {
    return nhPersonalAccounts().stream()
        .min(java.util.Comparator.comparingLong(a -> nh.bank().balance(a.bankCode(), a.accountNumber())))
        .orElseThrow();
  }

  public long nhBalance(io.shpay.sandbox.nh.Account account) {
    return nh.bank().balance(account.bankCode(), account.accountNumber());
  }

  public NhSandbox nh() {
    return nh;
  }

  public Api api() {
    return api;
  }

  public KftcSandbox sandbox() {
    return sandbox;
  }

  /** The settings the stack's SH Pay was started with, for starting another process beside it. */
  public JsonObject config() {
    return config.copy();
  }

  /** The KFTC sandbox's settings (client id and secret, token lifetimes). */
  public KftcSandboxOptions kftcOptions() {
    return kftcOptions;
  }

  /** The AES-256 key SH Pay seals users' KFTC tokens with (SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY). */
  public byte[] tokenEncryptionKey() {
    return tokenKey.clone();
  }

  public MutableClock clock() {
    return clock;
  }

  public TestApp app() {
    return app;
  }

  public Vertx vertx() {
    return vertx;
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(120));
  }
}
