package io.shpay;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shpay.api.ApiVerticle;
import io.shpay.chat.ChatVerticle;
import io.shpay.api.OperationsVerticle;
import io.shpay.history.HistoryVerticle;
import io.shpay.notify.NotificationHub;
import io.shpay.notify.NotifyVerticle;
import io.shpay.webhook.WebhookVerticle;
import io.shpay.common.config.Role;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Migrations;
import io.shpay.openbanking.OpenBankingVerticle;
import io.shpay.payment.PaymentVerticle;
import io.shpay.user.SigningKeys;
import io.shpay.user.UserVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running SH Pay process: a Vert.x instance with metrics, the schema migrated, and the
 * verticles of its configured roles deployed. {@link Main}, the local stack and the tests all
 * start SH Pay through here, so they run the same code.
 */
public final class ShpayApplication {

  private static final Logger LOG = LoggerFactory.getLogger(ShpayApplication.class);
  private static final AtomicInteger REGISTRY_NAMES = new AtomicInteger();

  private final Vertx vertx;
  private final ShpayConfig config;
  private final List<ApiVerticle> apiVerticles = new ArrayList<>();
  /** Verticles with bank calls under way at shutdown: quiesced (and drained) before anything closes. */
  private final List<java.util.function.Supplier<Future<Void>>> quiescers = new ArrayList<>();

  private ShpayApplication(Vertx vertx, ShpayConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /**
   * A Vert.x instance that records metrics into a Prometheus registry. Vert.x files each registry in a
   * JVM-wide map by name and closes the one under its name when it closes, so each instance gets its
   * own name: tests and the simulation run several SH Pay processes in one JVM.
   */
  public static Vertx createVertx(PrometheusMeterRegistry registry) {
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            .setRegistryName("shpay-" + REGISTRY_NAMES.incrementAndGet())
            .setJvmMetricsEnabled(true)
            // Per-message and per-read counters of the event bus and of raw TCP clients (MySQL, Redis) cost a few % of
            // the service's CPU on the pay path (JFR, BENCHMARKS.md) and answer no question an operator asks: HTTP
            // server and client, pool and JVM metrics stay, and SH Pay's own meters count payments and bank calls.
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
            .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** Starts SH Pay on a Vert.x instance made by {@link #createVertx}; closing the application closes it. */
  public static Future<ShpayApplication> start(Vertx vertx, PrometheusMeterRegistry registry, ShpayConfig config,
      Clock clock) {
    ShpayConfig effective = withSigningKeys(config);
    ShpayApplication app = new ShpayApplication(vertx, effective);
    Future<Void> migrated = effective.mysql().migrateOnStart()
        ? Migrations.apply(vertx, effective.mysql())
        : Future.succeededFuture();
    return migrated
        .compose(ignored -> app.deploy(registry, clock))
        .map(app)
        .onSuccess(started -> LOG.info("SH Pay started with roles {}", effective.roles()))
        .recover(failure -> {
          // Fail now and close behind: vertx.close()'s future tells its listeners on a context of this Vert.x, which
          // stops running tasks as it closes, so a failure sent after the close never reached Main or a test.
          vertx.close().onFailure(closing -> LOG.warn("Closing Vert.x after a failed start failed", closing));
          return Future.failedFuture(failure);
        });
  }

  private Future<Void> deploy(PrometheusMeterRegistry registry, Clock clock) {
    Future<?> users = config.roles().contains(Role.USER)
        ? vertx.deployVerticle(new UserVerticle(config, clock))
        : Future.succeededFuture();
    Future<?> openBanking = config.roles().contains(Role.OPENBANKING)
        ? deployMovingMoney(() -> new OpenBankingVerticle(config, clock), OpenBankingVerticle::quiesce, 1)
        : Future.succeededFuture();
    // One payment verticle per event loop asked for: each serves the bus address (the bus spreads the calls) and
    // reconciles (lookups are claimed) with pools of its own; they share one outbox relay (ProcessRelay).
    Future<?> payments = config.roles().contains(Role.PAYMENT)
        ? deployMovingMoney(new PaymentInstances(config, registry, clock)::next, PaymentVerticle::quiesce,
            config.payments().orElseThrow().instances())
        : Future.succeededFuture();
    boolean api = config.roles().contains(Role.API);
    boolean history = config.roles().contains(Role.HISTORY);
    // History and webhooks serve their queries wherever the API runs and consume wherever history runs.
    Future<?> historyVerticle = api || history
        ? vertx.deployVerticle(new HistoryVerticle(config, clock, api, history))
        : Future.succeededFuture();
    Future<?> webhooks = api || history
        ? vertx.deployVerticle(new WebhookVerticle(config, clock, api, history))
        : Future.succeededFuture();
    Future<?> notify = history ? vertx.deployVerticle(new NotifyVerticle(config, clock)) : Future.succeededFuture();
    Future<?> hub = api ? vertx.deployVerticle(new NotificationHub(config.redis())) : Future.succeededFuture();
    // A process without the API still answers probes and scrapes on http.port.
    Future<?> operations = api ? Future.succeededFuture()
        : vertx.deployVerticle(new OperationsVerticle(config, registry));
    Future<?> chat = config.roles().contains(Role.CHAT)
        ? vertx.deployVerticle(new ChatVerticle(config, clock))
        : Future.succeededFuture();
    Future<?> services = Future.all(List.of(users, openBanking, payments, historyVerticle, webhooks, notify, hub,
        operations, chat));
    return services.compose(ignored -> {
      if (!config.roles().contains(Role.API)) {
        return Future.succeededFuture();
      }
      return vertx.deployVerticle(() -> {
        ApiVerticle verticle = new ApiVerticle(config, registry, clock);
        synchronized (apiVerticles) {
          apiVerticles.add(verticle);
        }
        return verticle;
      }, new DeploymentOptions().setInstances(config.http().instances())).mapEmpty();
    });
  }

  /** Payment verticles sharing one outbox relay. */
  private record PaymentInstances(ShpayConfig config, PrometheusMeterRegistry registry, Clock clock,
      io.shpay.payment.ProcessRelay relay) {
    PaymentInstances(ShpayConfig config, PrometheusMeterRegistry registry, Clock clock) {
      this(config, registry, clock, new io.shpay.payment.ProcessRelay());
    }

    PaymentVerticle next() {
      return new PaymentVerticle(config, registry, clock, relay);
    }
  }

  /** Local mode signs tokens with a key pair made for this process; production must configure one. */
  private static ShpayConfig withSigningKeys(ShpayConfig config) {
    if (config.auth().jwtPrivateKey().isPresent() || !config.auth().generateSigningKey()) {
      return config;
    }
    LOG.warn("No JWT signing key configured: generated an ephemeral ES256 key pair (auth.generateSigningKey=true). "
        + "Tokens will not survive a restart; configure auth.jwtPrivateKey and auth.jwtPublicKey in production.");
    SigningKeys.Pem keys = SigningKeys.generate();
    return config.withSigningKeys(keys.privateKey(), keys.publicKey());
  }

  /** The HTTP port actually bound, or -1 when this process has no API role. */
  public int httpPort() {
    synchronized (apiVerticles) {
      return apiVerticles.isEmpty() ? -1 : apiVerticles.get(0).actualPort();
    }
  }

  /** The routes the API mounted (empty without the API role): what the security suite walks. */
  public List<ApiVerticle.MountedRoute> apiRoutes() {
    synchronized (apiVerticles) {
      return apiVerticles.isEmpty() ? List.of() : apiVerticles.get(0).routes();
    }
  }

  public ShpayConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  private <V extends io.vertx.core.VerticleBase> Future<String> deployMovingMoney(
      java.util.function.Supplier<V> verticles, java.util.function.Function<V, Future<Void>> quiesce, int instances) {
    return vertx.deployVerticle(() -> {
      V verticle = verticles.get();
      synchronized (quiescers) {
        quiescers.add(() -> quiesce.apply(verticle));
      }
      return verticle;
    }, new DeploymentOptions().setInstances(instances));
  }

  /**
   * Undeploys every verticle (closing servers, consumers and pools) and closes Vert.x. Payments and
   * open banking are quiesced first: they stop taking work and let bank calls under way write their
   * outcome while every client and pool of the process is still open.
   */
  public Future<Void> close() {
    List<Future<Void>> quiesced;
    synchronized (quiescers) {
      quiesced = quiescers.stream().map(quiescer -> quiescer.get().otherwiseEmpty()).toList();
      quiescers.clear();
    }
    return Future.join(quiesced).transform(ignored -> vertx.close());
  }
}
