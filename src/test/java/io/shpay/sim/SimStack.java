package io.shpay.sim;

import io.shpay.local.EmbeddedKafka;
import io.shpay.local.EmbeddedRedis;
import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.kftc.KftcSandboxOptions;
import io.shpay.sandbox.nh.NhSandbox;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.shpay.testing.MutableClock;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Pool;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Everything one seed runs against: a database of its own on the test MySQL server, fresh KFTC and NH
 * sandboxes (their ledgers outlive every SH Pay process), a topic of its own on the simulation's Kafka,
 * and the SH Pay process currently serving, which a fault may kill and replace.
 */
final class SimStack {

  static final String REDIRECT_URI = "http://127.0.0.1/api/v1/openbanking/callback";
  static final String ADMIN_EMAIL = "sim-admin@example.com";
  static final String ADMIN_PASSWORD = "sim admin password";
  static final String CONTRACT_ACCOUNT = "1002003004005";
  /** SH Pay's timeout for one bank call; injected latency goes past it. */
  static final long BANK_TIMEOUT_MS = 1_000;
  private static final int REPLACEMENT_TRIES = 3;

  final Vertx vertx;
  final MutableClock clock = MutableClock.startingNow();
  final Trace trace;
  final EmbeddedKafka kafka;
  final EmbeddedRedis redis;
  final String database;
  final String topic;
  private final URI mysqlServer;
  private final byte[] tokenKey = new byte[32];
  private KftcSandbox kftc;
  private NhSandbox nh;
  private KftcSandboxOptions kftcOptions;
  private volatile ShpayNode node;
  /** Completes when a serving process is up; replaced by a pending one while a killed process is being replaced. */
  private volatile Future<ShpayNode> serving;
  private int nodesStarted;

  SimStack(Vertx vertx, EmbeddedKafka kafka, EmbeddedRedis redis, long seed, Trace trace) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.redis = redis;
    this.trace = trace;
    String suffix = Long.toHexString(seed).replace('-', 'm') + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    this.database = TestServers.get().mysqlDatabase() + "_sim_" + suffix;
    this.topic = "shpay.sim." + suffix + ".payment-events";
    this.mysqlServer = URI.create(TestServers.get().mysqlUri());
    new SecureRandom().nextBytes(tokenKey);
  }

  Future<Void> start() {
    kftcOptions = KftcSandboxOptions.defaults().withAutoApprove(true).withRedirectUri(REDIRECT_URI).withClock(clock);
    return admin(pool -> pool.query("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            .execute().mapEmpty())
        .compose(created -> KftcSandbox.start(vertx, kftcOptions))
        .compose(started -> {
          kftc = started;
          return NhSandbox.start(vertx, NhSandboxOptions.defaults().withClock(clock));
        })
        .compose(started -> {
          nh = started;
          serving = startNode();
          return serving.mapEmpty();
        });
  }

  KftcSandbox kftc() {
    return kftc;
  }

  NhSandbox nh() {
    return nh;
  }

  /** The process serving now, once it is up (while one is being replaced, the replacement). */
  Future<ShpayNode> serving() {
    return serving;
  }

  /** The process serving now, or null while it is being replaced. */
  ShpayNode node() {
    return node;
  }

  /** Kills the serving process mid-whatever-it-does and starts a fresh one on the same database. */
  Future<ShpayNode> killAndReplace() {
    ShpayNode dying = node;
    if (dying == null) {
      return serving;
    }
    node = null;
    Promise<ShpayNode> replaced = Promise.promise();
    serving = replaced.future();
    trace.add("FAULT kill SH Pay process #" + dying.number + " (MySQL and bank connections cut, Vert.x closed)");
    dying.kill().compose(dead -> startReplacement(REPLACEMENT_TRIES)).onComplete(replaced);
    return replaced.future();
  }

  /** A replacement that fails to start is started again, as Kubernetes restarts a pod; each failure is traced. */
  private Future<ShpayNode> startReplacement(int triesLeft) {
    return startNode().recover(failed -> {
      trace.add("replacement SH Pay process failed to start: " + failed);
      return triesLeft <= 1 ? Future.failedFuture(failed) : startReplacement(triesLeft - 1);
    });
  }

  /** Stops the serving process at the end of a run. */
  Future<Void> stop() {
    ShpayNode last = node;
    node = null;
    Future<Void> stopped = last == null ? Future.succeededFuture() : last.stop();
    return stopped.transform(ignored -> kftc == null ? Future.succeededFuture() : kftc.close())
        .transform(ignored -> nh == null ? Future.succeededFuture() : nh.close())
        .transform(ignored -> admin(pool -> pool.query("DROP DATABASE IF EXISTS `" + database + "`").execute().mapEmpty()));
  }

  /** A pool on this seed's database, for the checks after the run (never used while faults are injected). */
  Pool inspector() {
    return MySQLBuilder.pool().connectingTo(serverUri(database)).using(vertx).build();
  }

  /** Runs {@code work} on a short-lived pool on the test database (not this seed's, so KILL never hits it). */
  <T> Future<T> admin(java.util.function.Function<Pool, Future<T>> work) {
    Pool pool = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(vertx).build();
    return work.apply(pool).eventually(pool::close);
  }

  private Future<ShpayNode> startNode() {
    int number = ++nodesStarted;
    URI nhTarget = URI.create(nh.baseUrl());
    URI kftcTarget = URI.create(kftc.baseUrl());
    return ShpayNode.start(vertx, number, config(), mysqlServer, database, nhTarget, kftcTarget, clock)
        .onSuccess(started -> {
          node = started;
          trace.add("SH Pay process #" + number + " serving on port " + started.port());
        });
  }

  private JsonObject config() {
    return new JsonObject()
        .put("SHPAY_ROLES", "api,user,openbanking,payment")
        // Two HTTP and two payment verticles, as a 2-core production pod runs them: the money invariants must hold with
        // pays spread over both, each with its own pool and outbox relay.
        .put("SHPAY_HTTP_INSTANCES", 2)
        .put("SHPAY_PAYMENTS_INSTANCES", 2)
        .put("SHPAY_REDIS_URI", redis.uri())
        .put("SHPAY_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
        .put("SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC", topic)
        .put("SHPAY_ADMIN_EMAIL", ADMIN_EMAIL)
        .put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .put("SHPAY_NH_ISCD", NhSandboxOptions.defaults().iscd())
        .put("SHPAY_NH_ACCESS_TOKEN", NhSandboxOptions.defaults().accessToken())
        .put("SHPAY_NH_TIMEOUT", "PT" + BANK_TIMEOUT_MS / 1000.0 + "S")
        .put("SHPAY_KFTC_CLIENT_ID", kftcOptions.clientId())
        .put("SHPAY_KFTC_CLIENT_SECRET", kftcOptions.clientSecret())
        .put("SHPAY_KFTC_REDIRECT_URI", REDIRECT_URI)
        .put("SHPAY_KFTC_CONTRACT_ACCOUNT_NUM", CONTRACT_ACCOUNT)
        .put("SHPAY_KFTC_DEPOSIT_PASS_PHRASE", "NONE")
        .put("SHPAY_KFTC_TIMEOUT", "PT" + BANK_TIMEOUT_MS / 1000.0 + "S")
        .put("SHPAY_OPENBANKING_TOKEN_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(tokenKey));
  }

  private String serverUri(String db) {
    String user = mysqlServer.getRawUserInfo() == null ? "" : mysqlServer.getRawUserInfo() + "@";
    return mysqlServer.getScheme() + "://" + user + mysqlServer.getHost() + ":" + mysqlServer.getPort() + "/" + db;
  }
}
