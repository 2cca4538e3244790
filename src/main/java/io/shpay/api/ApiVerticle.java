package io.shpay.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shpay.chat.ChatService;
import io.shpay.common.config.BusTimeouts;
import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.ratelimit.RateLimiter;
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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The HTTP face of SH Pay. It owns the server and the router; each capability's endpoints add their
 * own routes. Cross-cutting handlers run in this order: request id, access log, timeout, then the
 * route; any failure ends in {@link ProblemHandler}.
 */
public final class ApiVerticle extends VerticleBase {

  /** openbanking.bankReadsPerUserPerMinute's default, for a deployment that runs payments without open banking. */
  private static final int DEFAULT_BANK_READS_PER_MINUTE = 30;

  private final ShpayConfig config;
  private final PrometheusMeterRegistry metrics;
  private final Clock clock;
  private HttpServer server;
  private Router router;
  private Pool pool;
  private ReadinessChecks readiness;

  public ApiVerticle(ShpayConfig config, PrometheusMeterRegistry metrics, Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return ApiContract.load(vertx)
        .compose(contract -> ContractEndpoints.load(vertx, contract))
        .compose(this::serve);
  }

  private Future<?> serve(ContractEndpoints contractEndpoints) {
    pool = Database.pool(vertx, config.mysql());
    HealthChecks checks = HealthChecks.create(vertx);
    RedisAPI redis = RedisClients.api(vertx, config.redis());
    RateLimiter limiter = new RateLimiter(redis);
    readiness = ReadinessChecks.register(vertx, checks, pool, redis, config.kafka());

    ProblemHandler problems = new ProblemHandler();
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes());
    Authentication authentication = new Authentication(new VerifiedTokens(AccessTokens.verifier(vertx, config.auth())),
        SessionService.proxy(vertx));

    router = Router.router(vertx);
    router.route().handler(new RequestIdHandler()).handler(new AccessLogHandler()).handler(new SecurityHeaders())
        .handler(new ClientAddress(config.http().trustedProxies())::attach).handler(new MalformedRequests());
    // Every API request's body is bounded, also on routes that read none (they would otherwise take any size).
    router.route("/api/*").handler(bodies);
    if (!config.http().corsAllowedOrigins().isEmpty()) {
      // Only the configured origins; without any, no CORS headers at all, so browsers keep other sites out.
      router.route("/api/*").handler(CorsHandler.create().addOrigins(config.http().corsAllowedOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "X-Request-Id"))
          .exposedHeaders(Set.of("Location", "Retry-After", "RateLimit", "X-Request-Id", "Idempotent-Replayed"))
          .maxAgeSeconds(600));
    }
    // Event streams stay open for as long as their session: mounted before the request timeout.
    new NotificationEndpoints(vertx, redis, authentication, SessionService.proxy(vertx),
        config.notifications(), clock).mount(router);
    router.route("/api/*").handler(TimeoutHandler.create(config.http().requestTimeout().toMillis(), 503));

    OperationsEndpoints.mount(router, checks, metrics);
    contractEndpoints.mount(router);

    AccountClosure closure = new AccountClosure(UserService.proxy(vertx), SessionService.proxy(vertx),
        config.openBanking().map(ignored -> OpenBankingService.proxyWaitingUpTo(vertx,
            BusTimeouts.openBanking(config).toMillis())).orElse(null),
        config.payments().map(ignored -> PaymentService.proxy(vertx)).orElse(null));
    new UserEndpoints(UserService.proxy(vertx), SessionService.proxy(vertx), closure, authentication, limiter,
        config.auth()).mount(router, bodies);
    new AuthEndpoints(SessionService.proxy(vertx), authentication).mount(router, bodies);
    // A running request holds its key for as long as its bank calls can take; a request that died
    // frees it then, and the retry runs again, which the money row's own key makes safe.
    Idempotency idempotency = new Idempotency(new IdempotencyStore(pool, clock, config.http().idempotencyRetention(),
        BusTimeouts.payments(config)));
    // Without open banking (a payments-only deployment) NH reads keep conf/application.yaml's default budget.
    BankReads bankReads = new BankReads(limiter,
        config.openBanking().map(OpenBankingConfig::bankReadsPerUserPerMinute).orElse(DEFAULT_BANK_READS_PER_MINUTE));
    config.openBanking().ifPresent(openBankingConfig -> {
      OpenBankingService openBanking = OpenBankingService.proxyWaitingUpTo(vertx,
          BusTimeouts.openBanking(config).toMillis());
      new OpenBankingEndpoints(openBanking, UserService.proxy(vertx), authentication, openBankingConfig).mount(router);
      CursorSeal cursors = new CursorSeal(Base64.getDecoder().decode(openBankingConfig.tokenEncryptionKey().reveal()),
          "transactions");
      new AccountEndpoints(openBanking, authentication, clock, bankReads, cursors).mount(router, bodies);
      new TransferEndpoints(openBanking, authentication, idempotency, openBankingConfig.maxTransferAmount())
          .mount(router, bodies);
    });
    config.payments().ifPresent(paymentsConfig -> {
      PaymentService payments = PaymentService.proxyWaitingUpTo(vertx, BusTimeouts.payments(config).toMillis());
      MerchantAuthentication merchants = new MerchantAuthentication(payments);
      new PaymentEndpoints(payments, UserService.proxy(vertx), authentication, merchants, idempotency,
          paymentsConfig.maxAmount())
          .mount(router, bodies);
      new FinAccountEndpoints(payments, authentication, clock, bankReads,
          new CursorSeal(paymentsConfig.nhAccessToken().reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "fin-account-history")).mount(router, bodies);
      new WebhookEndpoints(WebhookService.proxy(vertx), merchants).mount(router, bodies);
      new RepairEndpoints(payments, authentication).mount(router, bodies);
    });
    if (config.openBanking().isPresent() || config.payments().isPresent()) {
      // The cursor key comes from a secret every replica shares: open banking's token key, else NH's access token.
      byte[] cursorSecret = config.openBanking()
          .map(ob -> Base64.getDecoder().decode(ob.tokenEncryptionKey().reveal()))
          .orElseGet(() -> config.payments().orElseThrow().nhAccessToken().reveal()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      new MovementEndpoints(
          config.openBanking().map(ignored -> OpenBankingService.proxy(vertx)).orElse(null),
          config.payments().map(ignored -> PaymentService.proxy(vertx)).orElse(null),
          authentication, new CursorSeal(cursorSecret, "movements")).mount(router);
    }
    new HistoryEndpoints(HistoryService.proxy(vertx), authentication).mount(router);
    config.chat().ifPresent(chat -> new ChatEndpoints(vertx, ChatService.proxy(vertx, config.http().requestTimeout().toMillis()),
        authentication).mount(router, bodies));

    ApiIndexEndpoint.mount(router);

    router.route().failureHandler(problems);
    router.errorHandler(400, problems.forStatus(400));
    router.errorHandler(404, problems.forStatus(404));
    router.errorHandler(405, problems.forStatus(405));

    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.http().host())
            .setPort(config.http().port())
            .setCompressionSupported(true))
        .requestHandler(router)
        .invalidRequestHandler(new InvalidRequests())
        .listen()
        .onSuccess(listening -> server = listening);
  }

  /** Every method and path this API mounted, read from its router (what a new route adds shows up here). */
  public List<MountedRoute> routes() {
    return router.getRoutes().stream()
        .filter(route -> route.getPath() != null && route.methods() != null && !route.methods().isEmpty())
        .flatMap(route -> route.methods().stream().map(method -> new MountedRoute(method.name(), route.getPath())))
        .distinct()
        .toList();
  }

  /** One method on one path, {@code :name} marking path parameters. */
  public record MountedRoute(String method, String path) {}

  /** The port actually bound (differs from the configured one when that was 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return Future.join(server == null ? Future.succeededFuture() : server.close(),
        readiness == null ? Future.succeededFuture() : readiness.close(),
        pool == null ? Future.succeededFuture() : pool.close());
  }
}
