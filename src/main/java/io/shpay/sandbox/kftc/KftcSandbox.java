package io.shpay.sandbox.kftc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running KFTC sandbox. {@link #start} deploys one verticle that holds all bank state on its
 * context; this handle gives tests the port, fault injection, read-only bank views and a hook to
 * expire tokens. Point the production KFTC client at {@link #baseUrl()} with the options'
 * client_id, client_secret and redirect URI.
 */
public final class KftcSandbox {

  private final Vertx vertx;
  private final String deploymentId;
  private final KftcSandboxVerticle verticle;
  private final FaultInjector faults;
  private final KftcSandboxOptions options;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KftcSandbox(Vertx vertx, String deploymentId, KftcSandboxVerticle verticle, FaultInjector faults,
      KftcSandboxOptions options) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.verticle = verticle;
    this.faults = faults;
    this.options = options;
  }

  /** Loads the seed, binds the port and completes once the sandbox answers. */
  public static Future<KftcSandbox> start(Vertx vertx, KftcSandboxOptions options) {
    FaultInjector faults = new FaultInjector();
    KftcSandboxVerticle verticle = new KftcSandboxVerticle(options, faults);
    return vertx.deployVerticle(verticle).map(id -> new KftcSandbox(vertx, id, verticle, faults, options));
  }

  /** The port actually bound (differs from the options' when that was 0). */
  public int port() {
    return verticle.actualPort();
  }

  /** {@code http://HOST:PORT}, where a wildcard bind address is reached through the loopback. */
  public String baseUrl() {
    String host = options.host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  public KftcFaults faults() {
    return faults;
  }

  public KftcBankView bank() {
    return verticle.bank();
  }

  /**
   * Test hook: every access token issued so far is expired from now on (calls with it get
   * O0002); refresh tokens keep working, so a client can recover by refreshing. Thread-safe.
   */
  public void expireAccessTokens() {
    verticle.tokens().expireAllAccessTokens();
  }

  /** Undeploys the verticle and closes the server; closing twice is harmless. */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(deploymentId);
  }
}
