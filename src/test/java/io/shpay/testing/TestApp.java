package io.shpay.testing;

import io.shpay.ShpayApplication;
import io.shpay.common.config.ConfigLoader;
import io.shpay.user.SigningKeys;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

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

  /** The settings every test app shares: test servers, a free port, the suite's key pair, lenient login, sign-up, bank-read and stream limits. */
  public static JsonObject defaults() {
    TestServers servers = TestServers.get();
    return new JsonObject()
        .put("SHPAY_ROLES", "api,user")
        .put("SHPAY_HTTP_PORT", 0)
        .put("SHPAY_HTTP_INSTANCES", 1)
        .put("SHPAY_PAYMENTS_INSTANCES", 1)
        .put("SHPAY_MYSQL_URI", servers.mysqlUri())
        .put("SHPAY_REDIS_URI", servers.redisUri())
        .put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrap())
        .put("SHPAY_AUTH_JWT_PRIVATE_KEY", KEYS.privateKey().reveal())
        .put("SHPAY_AUTH_JWT_PUBLIC_KEY", KEYS.publicKey())
        .put("SHPAY_AUTH_LOGIN_ATTEMPTS_PER_IP", 100_000)
        .put("SHPAY_AUTH_LOGIN_FAILURES_PER_ACCOUNT", 1000)
        // Every test signs up from 127.0.0.1 and reads its banks often; classes that test these limits set their own.
        .put("SHPAY_AUTH_SIGN_UPS_PER_IP_PER_HOUR", 1_000_000)
        .put("SHPAY_AUTH_SIGN_UPS_PER_MINUTE", 1_000_000)
        .put("SHPAY_OPENBANKING_BANK_READS_PER_USER_PER_MINUTE", 100_000)
        .put("SHPAY_NOTIFICATIONS_STREAMS_PER_USER", 100);
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
    Context caller = Vertx.currentContext();
    var registry = ShpayApplication.newRegistry();
    Vertx vertx = ShpayApplication.createVertx(registry);
    Future<TestApp> started = ConfigLoader.load(vertx, Optional.empty(), false, defaults().mergeIn(overrides))
        .compose(config -> ShpayApplication.start(vertx, registry, config, clock))
        .map(TestApp::new);
    // Never hand back a future of SH Pay's own Vert.x: the test may close this app and keep
    // chaining. A caller on an event loop continues there; anyone else on the completing thread.
    return caller == null
        ? Future.fromCompletionStage(started.toCompletionStage())
        : Future.fromCompletionStage(started.toCompletionStage(), caller);
  }

  public int port() {
    return app.httpPort();
  }

  public ShpayApplication app() {
    return app;
  }

  /**
   * Closes SH Pay's own Vert.x. It is closed from a plain thread and the result handed back on the
   * caller's context (or, for a caller on this app's own event loop, on that plain thread): a
   * future of the closing instance would call its listeners on an event loop that no longer runs,
   * and a test chaining on it would hang.
   */
  public Future<Void> close() {
    Context current = Vertx.currentContext();
    // A caller running on this app's own event loop continues on the closing thread instead.
    Context caller = current != null && current.owner() == app.vertx() ? null : current;
    CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
      try {
        app.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    return caller == null ? Future.fromCompletionStage(closed) : Future.fromCompletionStage(closed, caller);
  }
}
