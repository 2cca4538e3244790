package io.shpay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary bundled with {@code com.github.codemonstur:embedded-redis}) running as a child process
 * of this JVM on 127.0.0.1, without persistence ({@code save ""}, {@code appendonly no}) unless given a data directory.
 *
 * <p>{@link #stop()} and {@link #restart()} let tests take Redis away and bring it back on the same port.
 * {@link #close()} stops the process and waits for it to exit; a JVM shutdown hook does the same on normal exit,
 * Ctrl-C (SIGINT) and SIGTERM.
 */
public final class EmbeddedRedis implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final Logger REDIS_OUTPUT = LoggerFactory.getLogger("redis.embedded.output");
  private static final String HOST = "127.0.0.1";

  private final int port;
  private final RedisServer server;
  private final Thread shutdownHook;
  private boolean closed;

  private EmbeddedRedis(int port, RedisServer server) {
    this.port = port;
    this.server = server;
    this.shutdownHook = new Thread(this::stopQuietly, "embedded-redis-shutdown-" + port);
  }

  /**
   * Starts redis-server with fresh data, stopped by a JVM shutdown hook.
   *
   * @param port TCP port on 127.0.0.1, or 0 for a free port
   */
  public static EmbeddedRedis start(int port) {
    return start(EmbeddedServerOptions.onPort(port));
  }

  /**
   * Starts redis-server. With a data directory it persists there (append-only file, flushed every second and on a
   * clean stop) and loads what an earlier run left; without one it keeps nothing.
   */
  public static EmbeddedRedis start(EmbeddedServerOptions options) {
    int actualPort = options.port() == 0 ? FreePorts.pick() : options.port();
    long started = System.nanoTime();
    RedisServer server;
    try {
      var builder = RedisServer.newRedisServer()
          .bind(HOST)
          .port(actualPort)
          .setting("save \"\"");
      if (options.dataDir().isPresent()) {
        Path dir = Files.createDirectories(options.dataDir().get()).toAbsolutePath();
        builder.setting("dir \"" + dir + "\"")
            .setting("appendonly yes")
            .setting("appendfsync everysec");
      } else {
        builder.setting("appendonly no");
      }
      server = builder
          // The builder's ready check reads stdout: consume both streams so the pipes never fill up.
          .soutListener(line -> REDIS_OUTPUT.debug("[{}] {}", actualPort, line))
          .serrListener(line -> REDIS_OUTPUT.warn("[{}] {}", actualPort, line))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare embedded Redis on port " + actualPort, e);
    }
    EmbeddedRedis redis = new EmbeddedRedis(actualPort, server);
    if (options.stopOnJvmExit()) {
      Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
    }
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      redis.close();
      throw new IllegalStateException("Embedded Redis did not start on port " + actualPort, e);
    }
    LOG.info("Embedded Redis listening on {}:{} (started in {} ms)", HOST, actualPort,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return redis;
  }

  /** The TCP port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** Whether redis-server is running. */
  public synchronized boolean isRunning() {
    return server.isActive();
  }

  /** Stops redis-server and waits for the process to exit; a no-op when already stopped. */
  public synchronized void stop() {
    boolean wasRunning = server.isActive();
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop embedded Redis on port " + port, e);
    } finally {
      killStrayProcesses();
    }
    if (wasRunning) {
      LOG.info("Embedded Redis on port {} stopped", port);
    }
  }

  /**
   * Kills any redis-server child of this JVM serving this port that the library lost track of (it forgets the process
   * when the JVM starts shutting down while redis-server starts). redis-server sets its process title to
   * {@code <executable> 127.0.0.1:PORT}.
   */
  private void killStrayProcesses() {
    String title = HOST + ":" + port;
    ProcessHandle.current().descendants()
        .filter(process -> process.info().commandLine()
            .map(command -> command.contains("redis-server") && command.contains(title))
            .orElse(false))
        .forEach(process -> {
          process.destroy();
          try {
            process.onExit().get(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
          } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
          }
        });
  }

  /** Starts redis-server again on the same port (stopping it first if it runs). The data is gone. */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("Embedded Redis on port " + port + " is closed");
    }
    stop();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restart embedded Redis on port " + port, e);
    }
    LOG.info("Embedded Redis restarted on {}:{}", HOST, port);
  }

  /** Stops redis-server for good. Idempotent. */
  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // The hook is running or about to run; it is idempotent.
    }
  }

  private synchronized void stopQuietly() {
    closed = true;
    try {
      stop();
    } catch (RuntimeException e) {
      LOG.warn("Stopping embedded Redis on port {} failed", port, e);
    }
  }
}
