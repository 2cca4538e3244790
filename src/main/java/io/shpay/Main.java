package io.shpay;

import io.shpay.common.config.ConfigException;
import io.shpay.common.config.ConfigLoader;
import io.shpay.common.db.Migrations;
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
 *
 * <p>{@code java -jar shpay.jar migrate} applies the schema migrations and exits: a deployment runs
 * it once (a Helm hook Job) before rolling out replicas that start with {@code mysql.migrateOnStart=false}.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    var registry = ShpayApplication.newRegistry();
    Vertx vertx = ShpayApplication.createVertx(registry);
    Optional<String> profile = Optional.ofNullable(System.getenv(ConfigLoader.PROFILE_ENV)).filter(p -> !p.isBlank());
    var config = ConfigLoader.load(vertx, profile, true, new JsonObject());
    if (args.length == 1 && args[0].equals("migrate")) {
      config.compose(loaded -> Migrations.apply(vertx, loaded.mysql()))
          .onSuccess(done -> vertx.close().onComplete(closed -> System.exit(0)))
          .onFailure(failure -> exit(vertx, "SH Pay cannot migrate", failure));
      return;
    }
    if (args.length > 0) {
      LOG.error("Unknown arguments {}; run without arguments to serve, or with 'migrate' to migrate and exit",
          String.join(" ", args));
      System.exit(2);
    }
    config.compose(loaded -> ShpayApplication.start(vertx, registry, loaded, Clock.systemUTC()))
        .onSuccess(app -> Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app), "shpay-shutdown")))
        .onFailure(failure -> exit(vertx, "SH Pay cannot start", failure));
  }

  private static void exit(Vertx vertx, String what, Throwable failure) {
    if (failure instanceof ConfigException) {
      // Every configuration problem at once, without a stack trace: the message is the whole story.
      LOG.error("{}: {}", what, failure.getMessage());
    } else {
      LOG.error(what, failure);
    }
    vertx.close();
    System.exit(1);
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
