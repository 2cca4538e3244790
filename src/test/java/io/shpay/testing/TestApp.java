package io.shpay.testing;

import io.shpay.ShpayApplication;
import io.shpay.common.config.ConfigLoader;
import io.shpay.user.SigningKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Optional;

/**
 * SH Pay started for a test class, exactly as {@code Main} starts it, against {@link TestServers}.
 * Overrides use the environment-variable names ({@code SHPAY_HTTP_PORT}), which also exercises the
 * mapping operators rely on.
 */
public final class TestApp {

  /** One known key pair for the suite, so tests can mint expired or otherwise odd tokens with it. */
  public static final SigningKeys.Pem KEYS = SigningKeys.generate();

  private final ShpayApplication app;

  private TestApp(ShpayApplication app) {
    this.app = app;
  }

  /** The settings every test app shares: test servers, a free port, the suite's key pair, lenient login limits. */
  public static JsonObject defaults() {
    TestServers servers = TestServers.get();
    return new JsonObject()
        .put("SHPAY_ROLES", "api,user")
        .put("SHPAY_HTTP_PORT", 0)
        .put("SHPAY_HTTP_INSTANCES", 1)
        .put("SHPAY_MYSQL_URI", servers.mysqlUri())
        .put("SHPAY_REDIS_URI", servers.redisUri())
        .put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrap())
        .put("SHPAY_AUTH_JWT_PRIVATE_KEY", KEYS.privateKey().reveal())
        .put("SHPAY_AUTH_JWT_PUBLIC_KEY", KEYS.publicKey())
        .put("SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", 100_000)
        .put("SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT", 1000);
  }

  public static Future<TestApp> start() {
    return start(new JsonObject());
  }

  /** Starts with {@link #defaults()} plus {@code overrides} (which win). */
  public static Future<TestApp> start(JsonObject overrides) {
    return start(overrides, Clock.systemUTC());
  }

  /** As {@link #start(JsonObject)}, with SH Pay reading time from {@code clock}. */
  public static Future<TestApp> start(JsonObject overrides, Clock clock) {
    var registry = ShpayApplication.newRegistry();
    Vertx vertx = ShpayApplication.createVertx(registry);
    return ConfigLoader.load(vertx, Optional.empty(), false, defaults().mergeIn(overrides))
        .compose(config -> ShpayApplication.start(vertx, registry, config, clock))
        .map(TestApp::new);
  }

  public int port() {
    return app.httpPort();
  }

  public ShpayApplication app() {
    return app;
  }

  public Future<Void> close() {
    return app.close();
  }
}
