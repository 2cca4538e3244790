package io.shpay.testing;

import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.kftc.KftcSandboxOptions;
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
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * SH Pay with the open-banking role, talking to a KFTC sandbox of its own, for one test class.
 * The sandbox approves consent at once, so a test links a user's banks with {@link #linkedUser}.
 */
public final class OpenBankingStack implements BeforeAllCallback, AfterAllCallback {

  /** KFTC sends the browser here; tests read code and state from the redirect and call our callback themselves. */
  public static final String REDIRECT_URI = "http://127.0.0.1/api/v1/openbanking/callback";

  private final JsonObject overrides;
  private final UnaryOperator<KftcSandboxOptions> sandboxOptions;
  private final MutableClock clock = MutableClock.startingNow();
  private Vertx vertx;
  private KftcSandbox sandbox;
  private TestApp app;
  private Api api;
  private WebClient browser;

  public OpenBankingStack() {
    this(new JsonObject(), UnaryOperator.identity());
  }

  public OpenBankingStack(JsonObject overrides, UnaryOperator<KftcSandboxOptions> sandboxOptions) {
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
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    JsonObject config = new JsonObject()
        .put("SHPAY_ROLES", "api,user,openbanking")
        .put("SHPAY_KFTC_BASE_URL", sandbox.baseUrl())
        .put("SHPAY_KFTC_CLIENT_ID", options.clientId())
        .put("SHPAY_KFTC_CLIENT_SECRET", options.clientSecret())
        .put("SHPAY_KFTC_REDIRECT_URI", REDIRECT_URI)
        .put("SHPAY_KFTC_CONTRACT_ACCOUNT_NUM", "1002003004005")
        .put("SHPAY_KFTC_DEPOSIT_PASS_PHRASE", "NONE")
        .put("SHPAY_KFTC_TIMEOUT", "PT2S")
        .put("SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key))
        .mergeIn(overrides);
    app = await(TestApp.start(config, clock));
    api = new Api(vertx, app);
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (app != null) {
      await(app.close());
    }
    if (sandbox != null) {
      await(sandbox.close());
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
          .compose(callback -> api.get(callback, null))
          .map(response -> {
            if (response.statusCode() != 200) {
              throw new AssertionError("consent callback failed: " + response.statusCode() + " " + response.bodyAsString());
            }
            return new JsonObject().put("accessToken", accessToken)
                .put("accounts", response.bodyAsJsonObject().getJsonArray("items", new JsonArray()));
          });
    });
  }

  /** Asks SH Pay for the consent URL, approves it at the sandbox, and returns our callback path with code and state. */
  public Future<String> consent(String accessToken, String personSeqNo) {
    return api.get("/api/v1/openbanking/authorize", accessToken).compose(authorize -> {
      String url = authorize.bodyAsJsonObject().getString("authorizeUrl") + "&sandbox_person=" + personSeqNo;
      return browser.getAbs(url).send();
    }).map(redirect -> {
      String location = redirect.getHeader("Location");
      if (redirect.statusCode() != 302 || location == null) {
        throw new AssertionError("sandbox did not redirect: " + redirect.statusCode() + " " + redirect.bodyAsString());
      }
      URI uri = URI.create(location);
      return uri.getRawPath() + "?" + uri.getRawQuery();
    });
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
    var request = api.request(HttpMethod.POST, "/api/v1/transfers/" + kind).bearerTokenAuthentication(accessToken);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return request.sendJsonObject(body);
  }

  /** The KFTC fintech_use_num behind one of SH Pay's account ids, read from MySQL (the API never shows it). */
  public Future<String> fintechUseNum(String accountId) {
    var pool = io.vertx.mysqlclient.MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(vertx).build();
    return pool.preparedQuery("SELECT fintech_use_num FROM linked_accounts WHERE id = ?")
        .execute(io.vertx.sqlclient.Tuple.of(accountId))
        .map(rows -> rows.iterator().next().getString("fintech_use_num"))
        .eventually(pool::close);
  }

  public Api api() {
    return api;
  }

  public KftcSandbox sandbox() {
    return sandbox;
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

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS);
  }
}
