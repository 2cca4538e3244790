package io.shpay.sandbox.kftc;

import io.shpay.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A running KFTC sandbox. {@link #start} deploys one verticle that holds all bank state on its
 * context; this handle gives tests the port, fault injection, read-only bank views and a hook to
 * expire tokens. Point the production KFTC client at {@link #baseUrl()} with the options'
 * client_id, client_secret and redirect URI.
 */
public final class KftcSandbox extends Sandbox {

  private final KftcSandboxVerticle verticle;
  private final FaultInjector faults;

  private KftcSandbox(Vertx vertx, String deploymentId, KftcSandboxVerticle verticle, FaultInjector faults,
      KftcSandboxOptions options) {
    super(vertx, deploymentId, verticle, options.host());
    this.verticle = verticle;
    this.faults = faults;
  }

  /** Loads the seed, binds the port and completes once the sandbox answers. */
  public static Future<KftcSandbox> start(Vertx vertx, KftcSandboxOptions options) {
    FaultInjector faults = new FaultInjector();
    KftcSandboxVerticle verticle = new KftcSandboxVerticle(options, faults);
    return vertx.deployVerticle(verticle).map(id -> new KftcSandbox(vertx, id, verticle, faults, options));
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
}
