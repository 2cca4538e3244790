package io.shpay.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shpay.chat.ChatService;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.redis.RedisClients;
import io.shpay.history.HistoryService;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.payment.PaymentService;
import io.shpay.user.AccessTokens;
import io.shpay.user.SessionService;
import io.shpay.user.UserService;
import io.shpay.webhook.WebhookService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The HTTP face of SH Pay. It owns the server and the router; each capability's endpoints add their
 * own routes. Cross-cutting handlers run in this order: request id, access log, timeout, then the
 * route; any failure ends in {@link ProblemHandler}.
 */
public final class ApiVerticle extends VerticleBase {

  private final ShpayConfig config;
  private final PrometheusMeterRegistry metrics;
  private final Clock clock;
  private HttpServer server;
  private Pool pool;
  private ReadinessChecks readiness;

  public ApiVerticle(ShpayConfig config, PrometheusMeterRegistry metrics, Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config.mysql());
    HealthChecks checks = HealthChecks.create(vertx);
    readiness = ReadinessChecks.register(vertx, checks, pool, RedisClients.api(vertx, config.redis()), config.kafka());

    ProblemHandler problems = new ProblemHandler();
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes());
    Authentication authentication = new Authentication(new VerifiedTokens(AccessTokens.verifier(vertx, config.auth())),
        SessionService.proxy(vertx));

    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler()).handler(new AccessLogHandler());
    // Event streams stay open for as long as the client wants: mounted before the request timeout.
    new NotificationEndpoints(vertx, RedisClients.api(vertx, config.redis()), authentication,
        config.notifications()).mount(router);
    router.route("/api/*").handler(TimeoutHandler.create(config.http().requestTimeout().toMillis(), 503));

    OperationsEndpoints.mount(router, checks, metrics);

    new UserEndpoints(UserService.proxy(vertx), authentication).mount(router, bodies);
    new AuthEndpoints(SessionService.proxy(vertx), authentication).mount(router, bodies);
    Idempotency idempotency = new Idempotency(new IdempotencyStore(pool, clock, config.http().idempotencyRetention()));
    config.openBanking().ifPresent(openBankingConfig -> {
      OpenBankingService openBanking = OpenBankingService.proxy(vertx);
      new OpenBankingEndpoints(openBanking, authentication, openBankingConfig).mount(router);
      new AccountEndpoints(openBanking, authentication, clock).mount(router);
      new TransferEndpoints(openBanking, authentication, idempotency, openBankingConfig.maxTransferAmount())
          .mount(router, bodies);
    });
    config.payments().ifPresent(paymentsConfig -> {
      PaymentService payments = PaymentService.proxy(vertx);
      MerchantAuthentication merchants = new MerchantAuthentication(payments);
      new PaymentEndpoints(payments, UserService.proxy(vertx), authentication, merchants, idempotency,
          paymentsConfig.maxAmount())
          .mount(router, bodies);
      new WebhookEndpoints(WebhookService.proxy(vertx), merchants).mount(router, bodies);
    });
    new HistoryEndpoints(HistoryService.proxy(vertx), authentication).mount(router);
    config.chat().ifPresent(chat -> new ChatEndpoints(vertx, ChatService.proxy(vertx, config.http().requestTimeout().toMillis()),
        authentication).mount(router, bodies));

    ApiIndexEndpoint.mount(router);

    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);

    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.http().host())
            .setPort(config.http().port())
            .setCompressionSupported(true))
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  /** The port actually bound (differs from the configured one when that was 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return Future.join(server == null ? Future.succeededFuture() : server.close(), readiness.close(), pool.close());
  }
}
