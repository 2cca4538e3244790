package io.shpay;

import io.shpay.common.config.ConfigException;
import io.shpay.common.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar shpay.jar}: reads {@code conf/} and {@code SHPAY_*} variables (profile from
 * {@code SHPAY_PROFILE}), starts the configured roles and stops cleanly on SIGTERM.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    var registry = ShpayApplication.newRegistry();
    Vertx vertx = ShpayApplication.createVertx(registry);
    Optional<String> profile = Optional.ofNullable(System.getenv(ConfigLoader.PROFILE_ENV)).filter(p -> !p.isBlank());
    ConfigLoader.load(vertx, profile, true, new JsonObject())
        .compose(config -> ShpayApplication.start(vertx, registry, config, Clock.systemUTC()))
        .onSuccess(app -> Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app), "shpay-shutdown")))
        .onFailure(failure -> {
          if (failure instanceof ConfigException) {
            LOG.error("SH Pay cannot start: {}", failure.getMessage());
          } else {
            LOG.error("SH Pay cannot start", failure);
          }
          vertx.close();
          System.exit(1);
        });
  }

  private static void stop(ShpayApplication app) {
    LOG.info("Stopping SH Pay");
    try {
      app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("SH Pay did not stop cleanly within 30 s", e);
    }
  }
}
