package io.shpay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, one combined controller + broker node) inside this JVM, built with Kafka's own
 * test kit ({@link KafkaClusterTestKit}). Log directories live in a temporary directory removed on {@link #close()}.
 *
 * <p>{@link #stop()} shuts the node down cleanly and keeps its directories; {@link #restart()} brings it back on the
 * same client port with the same data: the same cluster id, node id and log directories, so topics, partitions,
 * committed offsets and the idempotent producers' state (producer-state snapshots) survive, as they do when a real
 * broker is bounced. The test kit cannot start a node it has shut down, so a restart builds a new test kit over the
 * same {@link TestKitNodes} and base directory and starts it without formatting. Only the test kit's internal
 * listeners (inter-broker and controller) move to new ephemeral ports, which clients never see.
 *
 * <p>Clients connect to the {@code PLAINTEXT} listener on {@code 127.0.0.1:PORT} ({@link #bootstrapServers()}), which
 * is pinned to the requested port. The test kit itself keeps its own internal listeners (the inter-broker
 * {@code EXTERNAL} listener and the {@code CONTROLLER} listener) on ephemeral ports: it pre-binds those sockets to
 * port 0 and would ignore a port configured for them, so the client listener is an additional one.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  /** The listener clients (the service, tests, the developer's own tools) use. */
  private static final String CLIENT_LISTENER = "PLAINTEXT";

  private final int port;
  private final Path baseDir;
  private final Thread shutdownHook;
  /**
   * Guards start-up, stop and restart against closing: a shutdown hook firing mid-start waits for start-up, then
   * closes.
   */
  private final Object lifecycle = new Object();
  /** The node's identity (cluster id, node id, directory ids) and directories, kept for restarts. */
  private TestKitNodes nodes;
  /** The running test kit, or {@code null} while stopped. */
  private KafkaClusterTestKit cluster;
  private boolean closed;

  private EmbeddedKafka(int port, Path baseDir) {
    this.port = port;
    this.baseDir = baseDir;
    this.shutdownHook = new Thread(this::closeQuietly, "embedded-kafka-shutdown-" + port);
  }

  /**
   * Formats and starts a single-node KRaft cluster and waits until the broker is ready (a few seconds).
   *
   * @param port client (PLAINTEXT) port on 127.0.0.1, or 0 for a free port
   */
  public static EmbeddedKafka start(int port) {
    return start(EmbeddedServerOptions.onPort(port));
  }

  /**
   * Formats and starts a single-node KRaft cluster. It always starts empty: the test kit gives every node fresh
   * directory ids, which a log directory formatted by an earlier run would not match.
   *
   * @throws IllegalArgumentException if {@code options} name a data directory
   */
  public static EmbeddedKafka start(EmbeddedServerOptions options) {
    if (options.dataDir().isPresent()) {
      throw new IllegalArgumentException("Embedded Kafka cannot keep data between runs");
    }
    int actualPort = options.port() == 0 ? FreePorts.pick() : options.port();
    long started = System.nanoTime();
    Path baseDir;
    try {
      baseDir = Files.createTempDirectory("shpay-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for Kafka", e);
    }
    EmbeddedKafka kafka = new EmbeddedKafka(actualPort, baseDir);
    try {
      if (options.stopOnJvmExit()) {
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
      }
    } catch (IllegalStateException shutdownInProgress) {
      deleteRecursively(baseDir);
      throw shutdownInProgress;
    }
    try {
      synchronized (kafka.lifecycle) {
        if (kafka.closed) {
          throw new IllegalStateException("Closed while starting");
        }
        kafka.nodes = nodes(baseDir);
        kafka.cluster = cluster(kafka.nodes, actualPort);
        kafka.cluster.format();
        kafka.cluster.startup();
        kafka.cluster.waitForReadyBrokers();
        kafka.requireClientListenerOnPort();
      }
      LOG.info("Embedded Kafka broker listening on {} (started in {} ms)", kafka.bootstrapServers(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return kafka;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      kafka.close();
      throw new IllegalStateException("Embedded Kafka did not start on port " + actualPort, e);
    }
  }

  private static TestKitNodes nodes(Path baseDir) {
    return new TestKitNodes.Builder()
        .setCombined(true)
        .setNumControllerNodes(1)
        .setNumBrokerNodes(1)
        .setBaseDirectory(baseDir)
        .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
        .setBrokerSecurityProtocol(SecurityProtocol.PLAINTEXT)
        .setControllerSecurityProtocol(SecurityProtocol.PLAINTEXT)
        .build();
  }

  /** A test kit over {@code nodes}; not started. It never deletes the directories: {@link #close()} does. */
  private static KafkaClusterTestKit cluster(TestKitNodes nodes, int port) throws Exception {
    // The test kit pre-binds its own broker (inter-broker) and controller listeners to ephemeral ports and ignores any
    // port configured for them; the client listener is a third one, bound to the requested port.
    String interBroker = nodes.brokerListenerName().value();
    String controller = nodes.controllerListenerName().value();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
        .setDeleteOnClose(false)
        .setConfigProp("listeners", String.join(",",
            interBroker + "://localhost:0",
            controller + "://localhost:0",
            CLIENT_LISTENER + "://" + HOST + ":" + port))
        .setConfigProp("listener.security.protocol.map", String.join(",",
            interBroker + ":PLAINTEXT",
            controller + ":PLAINTEXT",
            CLIENT_LISTENER + ":PLAINTEXT"));
    singleNodeConfig().forEach(builder::setConfigProp);
    return builder.build();
  }

  /** Broker settings that suit one node: replication factor 1 everywhere, topics created on first use. */
  private static Map<String, String> singleNodeConfig() {
    return Map.ofEntries(
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "3"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "3"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("auto.create.topics.enable", "true"),
        Map.entry("num.partitions", "3"),
        Map.entry("group.initial.rebalance.delay.ms", "0"));
  }

  private void requireClientListenerOnPort() {
    cluster.brokers().values().forEach(broker -> {
      int bound = broker.boundPort(ListenerName.normalised(CLIENT_LISTENER));
      if (bound != port) {
        throw new IllegalStateException(
            "Kafka " + CLIENT_LISTENER + " listener is bound to port " + bound + ", expected " + port);
      }
    });
  }

  /** The client listener port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:PORT}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** Whether the broker is up: started and neither {@link #stop() stopped} nor {@link #close() closed}. */
  public boolean isRunning() {
    synchronized (lifecycle) {
      return cluster != null && !closed;
    }
  }

  /**
   * Shuts the broker down cleanly (controlled shutdown, logs flushed, producer state snapshotted) and keeps its data
   * for {@link #restart()}. When this returns, the client port refuses connections. Idempotent; blocks for a few
   * seconds.
   *
   * @throws IllegalStateException if closed, or if the shutdown failed (the broker is then considered stopped)
   */
  public void stop() {
    synchronized (lifecycle) {
      requireOpen();
      if (cluster == null) {
        return;
      }
      long started = System.nanoTime();
      KafkaClusterTestKit stopping = cluster;
      cluster = null;
      try {
        stopping.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("Embedded Kafka on port " + port + " did not stop cleanly", e);
      }
      LOG.info("Embedded Kafka on port {} stopped, data kept for a restart (in {} ms)", port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  /**
   * Starts the broker again on the same client port with the same data, after {@link #stop()}; a running broker is
   * stopped first (a bounce). Blocks until the broker is ready (a few seconds).
   *
   * @throws IllegalStateException if closed, or if the broker did not come back (it is then stopped)
   */
  public void restart() {
    synchronized (lifecycle) {
      requireOpen();
      if (cluster != null) {
        stop();
      }
      long started = System.nanoTime();
      KafkaClusterTestKit starting = null;
      try {
        starting = cluster(nodes, port);
        // No format(): the directories already hold this node's meta.properties, metadata log and partitions.
        starting.startup();
        cluster = starting;
        starting.waitForReadyBrokers();
        requireClientListenerOnPort();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        cluster = null;
        if (starting != null) {
          try {
            starting.close();
          } catch (Exception closing) {
            e.addSuppressed(closing);
          }
        }
        throw new IllegalStateException("Embedded Kafka did not restart on port " + port, e);
      }
      LOG.info("Embedded Kafka broker listening again on {} with its data (restarted in {} ms)", bootstrapServers(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Embedded Kafka on port " + port + " is closed");
    }
  }

  /** Shuts the broker down (if running) and deletes its log directories. Idempotent. */
  @Override
  public void close() {
    closeQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // The hook is running or about to run; it is idempotent.
    }
  }

  private void closeQuietly() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (cluster != null) {
          cluster.close();
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warn("Closing embedded Kafka on port {} failed", port, e);
      } finally {
        deleteRecursively(baseDir);
      }
    }
    LOG.info("Embedded Kafka on port {} stopped", port);
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
}
