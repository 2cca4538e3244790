package io.shpay.sandbox.nh;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running NH Developers sandbox. {@link #start} deploys one verticle that holds all bank state
 * on its context; this handle gives tests the port, fault injection and read-only bank views.
 * Point the production NH client at {@link #baseUrl()} with the options' {@code Iscd} and
 * {@code AccessToken}; it calls {@code POST {baseUrl}/{ApiNm}.nh}.
 */
public final class NhSandbox {

  private final Vertx vertx;
  private final String deploymentId;
  private final NhSandboxVerticle verticle;
  private final FaultInjector faults;
  private final NhSandboxOptions options;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NhSandbox(Vertx vertx, String deploymentId, NhSandboxVerticle verticle, FaultInjector faults,
      NhSandboxOptions options) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.verticle = verticle;
    this.faults = faults;
    this.options = options;
  }

  /** Loads the seed, binds the port and completes once the sandbox answers. */
  public static Future<NhSandbox> start(Vertx vertx, NhSandboxOptions options) {
    FaultInjector faults = new FaultInjector();
    NhSandboxVerticle verticle = new NhSandboxVerticle(options, faults);
    return vertx.deployVerticle(verticle).map(id -> new NhSandbox(vertx, id, verticle, faults, options));
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

  public NhFaults faults() {
    return faults;
  }

  public NhBankView bank() {
    return verticle.bank();
  }

  /** Undeploys the verticle and closes the server; closing twice is harmless. */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(deploymentId);
  }
}
