package io.shpay.local;

import io.shpay.ShpayApplication;
import io.shpay.common.config.ConfigLoader;
import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.kftc.KftcSandboxOptions;
import io.shpay.sandbox.nh.NhSandbox;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./mvnw exec:java}: the whole SH Pay stack on one machine with nothing but a JDK. Real
 * MariaDB, Redis and Kafka servers start embedded on free ports (or on the ports pinned by
 * {@code SHPAY_LOCAL_MYSQL_PORT}, {@code SHPAY_LOCAL_REDIS_PORT}, {@code SHPAY_LOCAL_KAFKA_PORT}),
 * then SH Pay starts with every role and the {@code local} profile. Ctrl-C stops it all.
 *
 * <p>It lives with the tests because the embedded servers are test dependencies: they must never
 * ship in {@code shpay.jar}.
 */
public final class LocalStack {

  private final List<AutoCloseable> servers = Collections.synchronizedList(new ArrayList<>());
  private volatile ShpayApplication app;

  public static void main(String[] args) throws Exception {
    // Before the first logger exists: a terminal wants readable lines, not JSON.
    System.setProperty("logback.configurationFile", "logback-local.xml");
    LocalStack stack = new LocalStack();
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "shpay-local-stop"));
    stack.start();
    new CountDownLatch(1).await();
  }

  private void start() throws Exception {
    long started = System.nanoTime();
    int httpPort = port("SHPAY_HTTP_PORT", 8080);
    var mysql = CompletableFuture.supplyAsync(() -> keep(EmbeddedMariaDb.start(port("SHPAY_LOCAL_MYSQL_PORT", 0))));
    var redis = CompletableFuture.supplyAsync(() -> keep(EmbeddedRedis.start(port("SHPAY_LOCAL_REDIS_PORT", 0))));
    var kafka = CompletableFuture.supplyAsync(() -> keep(EmbeddedKafka.start(port("SHPAY_LOCAL_KAFKA_PORT", 0))));
    CompletableFuture.allOf(mysql, redis, kafka).join();
    mysql.join().createDatabase("shpay");

    var registry = ShpayApplication.newRegistry();
    Vertx vertx = ShpayApplication.createVertx(registry);
    String callback = "http://localhost:" + httpPort + "/api/v1/openbanking/callback";
    KftcSandbox kftc = KftcSandbox.start(vertx, KftcSandboxOptions.defaults().withRedirectUri(callback))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    NhSandbox nh = NhSandbox.start(vertx, NhSandboxOptions.defaults())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    JsonObject servers = new JsonObject()
        .put("SHPAY_HTTP_PORT", httpPort)
        .put("SHPAY_KFTC_BASE_URL", kftc.baseUrl())
        .put("SHPAY_KFTC_REDIRECT_URI", callback)
        .put("SHPAY_NH_BASE_URL", nh.baseUrl())
        .put("SHPAY_NH_ISCD", NhSandboxOptions.defaults().iscd())
        .put("SHPAY_NH_ACCESS_TOKEN", NhSandboxOptions.defaults().accessToken())
        .put("SHPAY_MYSQL_URI", mysql.join().uri("shpay"))
        .put("SHPAY_REDIS_URI", redis.join().uri())
        .put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", kafka.join().bootstrapServers());
    app = ConfigLoader.load(vertx, Optional.of("local"), true, servers)
        .compose(config -> ShpayApplication.start(vertx, registry, config, Clock.systemUTC()))
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    banner(app, mysql.join(), redis.join(), kafka.join(), kftc, nh, (System.nanoTime() - started) / 1_000_000_000.0);
  }

  private <T extends AutoCloseable> T keep(T server) {
    servers.add(server);
    return server;
  }

  private void stop() {
    try {
      if (app != null) {
        app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      System.err.println("SH Pay did not stop cleanly: " + e);
    }
    List<AutoCloseable> reversed = new ArrayList<>(servers);
    Collections.reverse(reversed);
    for (AutoCloseable server : reversed) {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("Could not stop " + server + ": " + e);
      }
    }
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a port number (0-65535), got '" + value + "'");
    }
  }

  private static void banner(ShpayApplication app, EmbeddedMariaDb mysql, EmbeddedRedis redis, EmbeddedKafka kafka,
      KftcSandbox kftc, NhSandbox nh, double seconds) {
    String base = "http://localhost:" + app.httpPort();
    var admin = app.config().admin().orElseThrow();
    System.out.printf("""

        ==================================================================================
         SH Pay is running (local profile, started in %.1f s)

         API        %s/api/v1
         Health     %s/health/ready
         Metrics    %s/metrics

         MariaDB    %s   (user root, no password)
         Redis      %s
         Kafka      %s
         KFTC       %s   (sandbox: demo people and accounts in conf/sandbox/kftc-seed.json)
         NH         %s   (sandbox: demo accounts in conf/sandbox/nh-seed.json)

         Admin      %s (password: admin.password in conf/application-local.yaml)

         Try it:
           curl -s -X POST %s/api/v1/users -H 'Content-Type: application/json' \\
             -d '{"email":"minji@example.com","name":"Kim Minji","password":"correct horse battery"}'
           curl -s -X POST %s/api/v1/auth/login -H 'Content-Type: application/json' \\
             -d '{"email":"minji@example.com","password":"correct horse battery"}'
           curl -s %s/api/v1/users/me -H "Authorization: Bearer <accessToken>"
           curl -s %s/api/v1/openbanking/authorize -H "Authorization: Bearer <accessToken>"
             (open authorizeUrl in a browser, approve, then GET /api/v1/accounts)

         Ctrl-C stops SH Pay and every embedded server.
        ==================================================================================
        %n""", seconds, base, base, base, mysql.uri("shpay"), redis.uri(), kafka.bootstrapServers(), kftc.baseUrl(), nh.baseUrl(),
        admin.email(), base, base, base, base);
  }
}
