package io.shpay.local;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an embedded server is started: its port, whether it keeps its data in a directory between runs, and whether it
 * stops itself when the JVM exits.
 *
 * @param port           TCP port on 127.0.0.1, or 0 for a free one
 * @param dataDir        where the server keeps its data between runs; empty = a temporary directory removed on close
 * @param stopOnJvmExit  register a JVM shutdown hook that stops the server. Tests want it. The local stack does not: JVM
 *                       shutdown hooks run in parallel, so it stops SH Pay first and the servers after, in one hook.
 */
public record EmbeddedServerOptions(int port, Optional<Path> dataDir, boolean stopOnJvmExit) {

  public EmbeddedServerOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    Objects.requireNonNull(dataDir, "dataDir");
  }

  /** On {@code port} (0 = free), fresh data, stopped by a shutdown hook: what tests use. */
  public static EmbeddedServerOptions onPort(int port) {
    return new EmbeddedServerOptions(port, Optional.empty(), true);
  }

  public EmbeddedServerOptions keepingDataIn(Optional<Path> directory) {
    return new EmbeddedServerOptions(port, directory, stopOnJvmExit);
  }

  /** The caller stops the server (in its own order) instead of a shutdown hook of its own. */
  public EmbeddedServerOptions stoppedByCaller() {
    return new EmbeddedServerOptions(port, dataDir, false);
  }
}
