package io.shpay.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of one backend ({@code targetHost:targetPort}), for tests that need to make a
 * backend (Redis, MySQL, ...) unreachable and reachable again, whether it is embedded or external.
 *
 * <p>{@link #cut()} stops listening and closes every proxied connection, so clients see connection resets and then
 * "connection refused"; {@link #restore()} listens again on the same port. Point the code under test at
 * {@code 127.0.0.1:}{@link #port()} instead of the backend.
 */
public final class TcpProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
  private static final String HOST = "127.0.0.1";

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final NetClient client;
  private final Set<NetSocket> connections = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private int port;
  /** Incremented by every {@link #cut()}: connections accepted before a cut are closed even if still connecting. */
  private volatile long generation;
  private boolean closed;

  private TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000));
  }

  /** Starts a proxy on 127.0.0.1 and a free port, forwarding to {@code targetHost:targetPort}. */
  public static Future<TcpProxy> start(Vertx vertx, String targetHost, int targetPort) {
    TcpProxy proxy = new TcpProxy(vertx, targetHost, targetPort);
    return proxy.listen(0).map(proxy).onFailure(failure -> proxy.client.close());
  }

  /**
   * A proxy in front of the server {@code serverUri} names (e.g. the test MySQL), started with a bound: for a test
   * class's static set-up, off any event loop.
   */
  public static TcpProxy startInFrontOf(Vertx vertx, URI serverUri) {
    return Await.await(start(vertx, serverUri.getHost(), serverUri.getPort()), Duration.ofSeconds(30));
  }

  /** {@code serverUri} reached through this proxy: the same scheme, user, path and query, this proxy's address. */
  public String uriThrough(URI serverUri) {
    String user = serverUri.getRawUserInfo() == null ? "" : serverUri.getRawUserInfo() + "@";
    String query = serverUri.getRawQuery() == null ? "" : "?" + serverUri.getRawQuery();
    return serverUri.getScheme() + "://" + user + host() + ":" + port() + serverUri.getRawPath() + query;
  }

  /**
   * Cuts the proxy as soon as {@code moment} holds, looking every 10 ms for at most 30 s: for cutting a connection at
   * a moment only the test can see (the bank has moved the money, its answer not yet back).
   */
  public void cutAsSoonAs(BooleanSupplier moment, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!moment.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never: " + what);
      }
      Await.await(vertx.timer(10), Duration.ofSeconds(5));
    }
    Await.await(cut(), Duration.ofSeconds(30));
  }

  /** The port the proxy listens on (the same after {@link #restore()}). */
  public synchronized int port() {
    return port;
  }

  /** {@code 127.0.0.1}. */
  public String host() {
    return HOST;
  }

  /** Whether the proxy currently accepts connections. */
  public synchronized boolean isListening() {
    return server != null;
  }

  /** Stops listening and closes every open proxied connection (both sides). Completes once all of it is closed. */
  public Future<Void> cut() {
    NetServer listening;
    int listeningPort;
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (this) {
      generation++;
      listening = server;
      listeningPort = port;
      server = null;
    }
    if (listening != null) {
      closing.add(listening.close());
    }
    for (NetSocket socket : List.copyOf(connections)) {
      connections.remove(socket);
      closing.add(socket.close().otherwiseEmpty());
    }
    LOG.debug("TCP proxy 127.0.0.1:{} -> {}:{} cut", listeningPort, targetHost, targetPort);
    return Future.all(closing).mapEmpty();
  }

  /** Listens again on the same port; a no-op when already listening. */
  public Future<Void> restore() {
    int samePort;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture(new IllegalStateException("TCP proxy is closed"));
      }
      if (server != null) {
        return Future.succeededFuture();
      }
      samePort = port;
    }
    LOG.debug("TCP proxy 127.0.0.1:{} -> {}:{} restored", samePort, targetHost, targetPort);
    return listen(samePort).mapEmpty();
  }

  /**
   * Cuts the proxy for good and releases its client. Blocks up to 10 s for that, except on a Vert.x event-loop thread,
   * where it only starts closing.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Future<Void> done = cut().eventually(() -> client.close());
    if (Context.isOnEventLoopThread()) {
      return;
    }
    try {
      done.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Closing TCP proxy on port {} failed", port(), e);
    }
  }

  private Future<NetServer> listen(int requestedPort) {
    long listenGeneration;
    synchronized (this) {
      listenGeneration = generation;
    }
    NetServer candidate = vertx.createNetServer(new NetServerOptions().setReuseAddress(true))
        .connectHandler(this::proxy);
    return candidate.listen(requestedPort, HOST).compose(listening -> {
      synchronized (this) {
        if (closed || generation != listenGeneration || server != null) {
          // Cut, closed or restored concurrently while binding: this listener is not wanted.
          return listening.close().transform(ignored -> Future.failedFuture(
              new IllegalStateException("TCP proxy was cut or closed while it started listening")));
        }
        server = listening;
        port = listening.actualPort();
      }
      return Future.succeededFuture(listening);
    });
  }

  private void proxy(NetSocket inbound) {
    long acceptedIn = generation;
    AtomicBoolean inboundClosed = new AtomicBoolean();
    connections.add(inbound);
    inbound.pause();
    inbound.closeHandler(ignored -> {
      inboundClosed.set(true);
      connections.remove(inbound);
    });
    client.connect(targetPort, targetHost).onComplete(connected -> {
      if (connected.failed()) {
        LOG.debug("TCP proxy cannot reach {}:{}", targetHost, targetPort, connected.cause());
        inbound.close();
        return;
      }
      NetSocket outbound = connected.result();
      if (inboundClosed.get() || generation != acceptedIn) {
        outbound.close();
        inbound.close();
        return;
      }
      connections.add(outbound);
      inbound.closeHandler(ignored -> {
        connections.remove(inbound);
        outbound.close();
      });
      outbound.closeHandler(ignored -> {
        connections.remove(outbound);
        inbound.close();
      });
      // pipeTo resumes the paused inbound socket and ends (closes) the other side when one side ends.
      inbound.pipeTo(outbound);
      outbound.pipeTo(inbound);
    });
  }
}
