package io.shpay.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handle both running sandboxes share: where they listen and how they stop. Each sandbox's
 * {@code start} deploys its {@link SandboxVerticle} and wraps the deployment in a subclass that
 * adds its own faults, bank views and hooks.
 */
public abstract class Sandbox {

  private final Vertx vertx;
  private final String deploymentId;
  private final SandboxVerticle verticle;
  private final String host;
  private final AtomicBoolean closed = new AtomicBoolean();

  protected Sandbox(Vertx vertx, String deploymentId, SandboxVerticle verticle, String host) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.verticle = verticle;
    this.host = host;
  }

  /** The port actually bound (differs from the options' when that was 0). */
  public int port() {
    return verticle.actualPort();
  }

  /** {@code http://HOST:PORT}, where a wildcard bind address is reached through the loopback. */
  public String baseUrl() {
    String reachable = host;
    if (reachable.equals("0.0.0.0") || reachable.equals("::")) {
      reachable = "127.0.0.1";
    } else if (reachable.contains(":")) {
      reachable = "[" + reachable + "]";
    }
    return "http://" + reachable + ":" + port();
  }

  /** Undeploys the verticle and closes the server; closing twice is harmless. */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(deploymentId);
  }
}
