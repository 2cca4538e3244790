package io.shpay.sandbox.nh;

import io.shpay.sandbox.Sandbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A running NH Developers sandbox. {@link #start} deploys one verticle that holds all bank state
 * on its context; this handle gives tests the port, fault injection and read-only bank views.
 * Point the production NH client at {@link #baseUrl()} with the options' {@code Iscd} and
 * {@code AccessToken}; it calls {@code POST {baseUrl}/{ApiNm}.nh}.
 */
public final class NhSandbox extends Sandbox {

  private final NhSandboxVerticle verticle;
  private final FaultInjector faults;

  private NhSandbox(Vertx vertx, String deploymentId, NhSandboxVerticle verticle, FaultInjector faults,
      NhSandboxOptions options) {
    super(vertx, deploymentId, verticle, options.host());
    this.verticle = verticle;
    this.faults = faults;
  }

  /** Loads the seed, binds the port and completes once the sandbox answers. */
  public static Future<NhSandbox> start(Vertx vertx, NhSandboxOptions options) {
    FaultInjector faults = new FaultInjector();
    NhSandboxVerticle verticle = new NhSandboxVerticle(options, faults);
    return vertx.deployVerticle(verticle).map(id -> new NhSandbox(vertx, id, verticle, faults, options));
  }

  public NhFaults faults() {
    return faults;
  }

  public NhBankView bank() {
    return verticle.bank();
  }
}
