package io.shpay.testing;

import io.shpay.local.EmbeddedKafka;
import io.shpay.local.EmbeddedMariaDb;
import io.shpay.local.EmbeddedRedis;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place tests get their infrastructure from: MySQL, Redis and Kafka, started once per test JVM (lazily, on the
 * first {@link #get()}) and stopped by a JVM shutdown hook.
 *
 * <p>Per server, the first that applies wins:
 * <ol>
 *   <li>an external server named by an environment variable: {@code SHPAY_TEST_MYSQL_URI}
 *       (e.g. {@code mysql://root@127.0.0.1:3306/}, may carry {@code user:password@}), {@code SHPAY_TEST_REDIS_URI}
 *       (e.g. {@code redis://127.0.0.1:6379}), {@code SHPAY_TEST_KAFKA_BOOTSTRAP} (e.g. {@code 127.0.0.1:9092});</li>
 *   <li>a Testcontainers container when {@code SHPAY_TEST_CONTAINERS=true} (see {@code ContainerServers}; needs the
 *       Testcontainers test dependencies and Docker);</li>
 *   <li>an embedded server: {@link EmbeddedMariaDb}, {@link EmbeddedRedis}, {@link EmbeddedKafka} on free ports.</li>
 * </ol>
 *
 * <p>Whatever the MySQL server, every test JVM gets a fresh database {@code shpay_test_xxxxxxxx} (8 random lowercase
 * letters and digits); {@link #mysqlUri()} points at it. On external servers the database is dropped at JVM exit.
 * Servers start in parallel.
 */
public final class TestServers {

  public static final String MYSQL_URI_ENV = "SHPAY_TEST_MYSQL_URI";
  public static final String REDIS_URI_ENV = "SHPAY_TEST_REDIS_URI";
  public static final String KAFKA_BOOTSTRAP_ENV = "SHPAY_TEST_KAFKA_BOOTSTRAP";
  public static final String CONTAINERS_ENV = "SHPAY_TEST_CONTAINERS";

  private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);
  private static final String CONTAINER_SERVERS = "io.shpay.testing.ContainerServers";
  private static final String NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final long STOP_TIMEOUT_SECONDS = 60;

  private static final Object LOCK = new Object();
  private static volatile TestServers instance;
  private static RuntimeException startFailure;

  private final Started mysql;
  private final Started redis;
  private final Started kafka;
  private final String mysqlDatabase;
  private final String mysqlUri;

  /**
   * A server made available to the tests.
   *
   * @param address how clients reach it: a server URI without database for MySQL ({@code mysql://user[:pw]@host:port/}),
   *     a URI for Redis, {@code host:port[,host:port]} for Kafka
   * @param kind {@code embedded}, {@code external} or {@code container}
   * @param stopper stops the server (a no-op for external servers); idempotent
   */
  public record Started(String address, String kind, AutoCloseable stopper) {
  }

  private TestServers(Started mysql, String mysqlDatabase, String mysqlUri, Started redis, Started kafka) {
    this.mysql = mysql;
    this.mysqlDatabase = mysqlDatabase;
    this.mysqlUri = mysqlUri;
    this.redis = redis;
    this.kafka = kafka;
  }

  /** The servers of this test JVM, started on the first call (which blocks, up to some 15 s when all are embedded). */
  public static TestServers get() {
    TestServers servers = instance;
    if (servers != null) {
      return servers;
    }
    synchronized (LOCK) {
      if (instance != null) {
        return instance;
      }
      if (startFailure != null) {
        throw new IllegalStateException("Test servers failed to start earlier in this JVM", startFailure);
      }
      try {
        instance = startAll();
        return instance;
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
  }

  /**
   * Vert.x MySQL client URI of this JVM's fresh database: {@code mysql://user[:password]@host:port/shpay_test_xxxxxxxx}.
   */
  public String mysqlUri() {
    return mysqlUri;
  }

  /** Name of this JVM's fresh database, {@code shpay_test_xxxxxxxx}. */
  public String mysqlDatabase() {
    return mysqlDatabase;
  }

  /** Redis URI, e.g. {@code redis://127.0.0.1:6379}. */
  public String redisUri() {
    return redis.address();
  }

  /** Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:9092}. */
  public String kafkaBootstrap() {
    return kafka.address();
  }

  private static TestServers startAll() {
    boolean containers = "true".equalsIgnoreCase(System.getenv(CONTAINERS_ENV));
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(3, task -> {
      Thread thread = new Thread(task, "test-servers-start-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    List<CompletableFuture<Started>> starting = new ArrayList<>();
    try {
      // MariaDB is the slowest (~9 s): submit it first.
      CompletableFuture<Started> mysql = CompletableFuture.supplyAsync(() -> startMysql(containers), executor);
      CompletableFuture<Started> kafka = CompletableFuture.supplyAsync(() -> startKafka(containers), executor);
      CompletableFuture<Started> redis = CompletableFuture.supplyAsync(() -> startRedis(containers), executor);
      starting.addAll(List.of(mysql, kafka, redis));
      CompletableFuture.allOf(mysql, kafka, redis).join();

      String database = randomDatabaseName();
      String uri;
      try {
        uri = createDatabase(mysql.join(), database);
      } catch (RuntimeException e) {
        throw new CompletionException(e);
      }
      TestServers servers = new TestServers(mysql.join(), database, uri, redis.join(), kafka.join());
      Runtime.getRuntime().addShutdownHook(new Thread(servers::stopAll, "test-servers-shutdown"));
      LOG.info("Test servers for this JVM: MySQL {} ({}, database {}), Redis {} ({}), Kafka {} ({})",
          servers.mysql.kind(), redact(servers.mysql.address()), database,
          servers.redis.kind(), redact(servers.redis.address()),
          servers.kafka.kind(), servers.kafka.address());
      return servers;
    } catch (CompletionException e) {
      // Stop whatever did start, then report the first failure.
      for (CompletableFuture<Started> future : starting) {
        future.thenAccept(started -> stopQuietly(started, null));
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Test servers did not start: " + cause.getMessage(), cause);
    } finally {
      executor.shutdown();
    }
  }

  private static Started startMysql(boolean containers) {
    String external = System.getenv(MYSQL_URI_ENV);
    if (external != null && !external.isBlank()) {
      MysqlServer.parse(external); // fail fast on a malformed URI
      return new Started(external.trim(), "external", () -> { });
    }
    if (containers) {
      return startContainer("mysql");
    }
    EmbeddedMariaDb db = EmbeddedMariaDb.start(0);
    return new Started("mysql://root@" + db.host() + ":" + db.port() + "/", "embedded", db);
  }

  private static Started startRedis(boolean containers) {
    String external = System.getenv(REDIS_URI_ENV);
    if (external != null && !external.isBlank()) {
      return new Started(external.trim(), "external", () -> { });
    }
    if (containers) {
      return startContainer("redis");
    }
    EmbeddedRedis redis = EmbeddedRedis.start(0);
    return new Started(redis.uri(), "embedded", redis);
  }

  private static Started startKafka(boolean containers) {
    String external = System.getenv(KAFKA_BOOTSTRAP_ENV);
    if (external != null && !external.isBlank()) {
      return new Started(external.trim(), "external", () -> { });
    }
    if (containers) {
      return startContainer("kafka");
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(0);
    return new Started(kafka.bootstrapServers(), "embedded", kafka);
  }

  /**
   * Calls {@code ContainerServers.<server>()} reflectively, so that this class compiles and runs without Testcontainers
   * on the class path.
   */
  private static Started startContainer(String server) {
    Method method;
    try {
      method = Class.forName(CONTAINER_SERVERS).getMethod(server);
    } catch (ClassNotFoundException | NoClassDefFoundError | NoSuchMethodException e) {
      throw new IllegalStateException(CONTAINERS_ENV + "=true but " + CONTAINER_SERVERS
          + " or Testcontainers is not on the test class path", e);
    }
    try {
      return (Started) method.invoke(null);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Cannot start the " + server + " container", cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot start the " + server + " container", e);
    }
  }

  /** Creates the fresh database on the MySQL server and returns the client URI pointing at it. */
  private static String createDatabase(Started mysql, String database) {
    MysqlServer server = MysqlServer.parse(mysql.address());
    server.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    return server.uri(database);
  }

  private void stopAll() {
    List<Thread> stopping = new ArrayList<>();
    for (Started started : List.of(kafka, redis, mysql)) {
      Runnable before = started == mysql && !"embedded".equals(mysql.kind()) ? this::dropDatabase : null;
      Thread thread = new Thread(() -> stopQuietly(started, before), "test-servers-stop-" + started.kind());
      thread.start();
      stopping.add(thread);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_TIMEOUT_SECONDS);
    for (Thread thread : stopping) {
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void dropDatabase() {
    MysqlServer.parse(mysql.address()).execute("DROP DATABASE IF EXISTS `" + mysqlDatabase + "`");
  }

  private static void stopQuietly(Started started, Runnable before) {
    try {
      if (before != null) {
        before.run();
      }
    } catch (RuntimeException e) {
      LOG.warn("Cleaning up {} test server failed", started.kind(), e);
    }
    try {
      started.stopper().close();
    } catch (Exception e) {
      LOG.warn("Stopping {} test server {} failed", started.kind(), redact(started.address()), e);
    }
  }

  private static String randomDatabaseName() {
    SecureRandom random = new SecureRandom();
    StringBuilder name = new StringBuilder("shpay_test_");
    for (int i = 0; i < 8; i++) {
      name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
    }
    return name.toString();
  }

  /** The URI without its password, for logs. */
  static String redact(String uri) {
    return uri.replaceFirst("://([^:@/]*):[^@/]*@", "://$1:***@");
  }

  /** A MySQL/MariaDB server as given by a {@code mysql://user[:password]@host[:port][/db][?options]} URI. */
  private record MysqlServer(String scheme, String rawUserInfo, String host, int port, String rawQuery,
      String user, String password) {

    static MysqlServer parse(String uri) {
      URI parsed;
      try {
        parsed = URI.create(uri.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Not a MySQL URI: " + redact(uri), e);
      }
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("mysql") && !scheme.equals("mariadb")) {
        throw new IllegalArgumentException("Not a mysql:// URI: " + redact(uri));
      }
      if (parsed.getHost() == null) {
        throw new IllegalArgumentException("No host in MySQL URI: " + redact(uri));
      }
      String rawUserInfo = parsed.getRawUserInfo();
      String user = "root";
      String password = "";
      if (rawUserInfo != null && !rawUserInfo.isEmpty()) {
        int colon = rawUserInfo.indexOf(':');
        user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
        password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
      }
      return new MysqlServer(scheme, rawUserInfo, parsed.getHost(), parsed.getPort() < 0 ? 3306 : parsed.getPort(),
          parsed.getRawQuery(), user, password);
    }

    String uri(String database) {
      return scheme + "://" + (rawUserInfo == null || rawUserInfo.isEmpty() ? "" : rawUserInfo + "@") + host + ":"
          + port + "/" + database + (rawQuery == null ? "" : "?" + rawQuery);
    }

    void execute(String sql) {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      properties.setProperty("password", password);
      properties.setProperty("connectTimeout", "10000");
      // MySQL 8 caching_sha2_password over a plain connection needs the server's RSA key.
      properties.setProperty("allowPublicKeyRetrieval", "true");
      try (Connection connection = DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", properties);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("MySQL " + host + ":" + port + " as " + user + " failed: " + sql, e);
      }
    }

    private static String decode(String value) {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
