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
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
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
 * The HTTP face of SH Pay. It owns the server and the router, which is built from the OpenAPI document
 * ({@link ApiContract}): each capability's endpoints add their handlers to the document's operations. Cross-cutting
 * handlers run first (see {@link #crossCutting}), then an operation's security scheme, its contract validation and
 * its handlers; any failure ends in {@link ProblemHandler}.
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
        .compose(contract -> ContractEndpoints.load(vertx, contract).compose(endpoints -> serve(contract, endpoints)));
  }

  private Future<?> serve(ApiContract contract, ContractEndpoints contractEndpoints) {
    pool = Database.pool(vertx, config.mysql());
    HealthChecks checks = HealthChecks.create(vertx);
    RedisAPI redis = RedisClients.api(vertx, config.redis());
    RateLimiter limiter = new RateLimiter(redis);
    readiness = ReadinessChecks.register(vertx, checks, pool, redis, config.kafka());

    InlineRequestValidation validation = new InlineRequestValidation(vertx, contract.contract());
    ProblemHandler problems = new ProblemHandler(new ContractProblems(validation));
    Authentication authentication = new Authentication(new VerifiedTokens(AccessTokens.verifier(vertx, config.auth())),
        SessionService.proxy(vertx));

    // The router is built from shpay-v1.yaml: each operation's route runs its security scheme, then validates the
    // parameters and body against the contract, then the endpoint's handlers (added by operation id below).
    ContractRequests requests = new ContractRequests();
    RouterBuilder builder = RouterBuilder.create(vertx, contract.contract(), requests);
    crossCutting(builder);
    ApiOperations operations = new ApiOperations(builder, validation, requests);
    builder.security("bearerAuth").httpHandler(authentication.contractScheme(operations::rolesFor));

    // Event streams stay open for as long as their session: crossCutting leaves them out of the request timeout.
    new NotificationEndpoints(vertx, redis, authentication, SessionService.proxy(vertx),
        config.notifications(), clock).mount(operations);
    OperationsEndpoints.mount(operations, checks, metrics);
    contractEndpoints.mount(operations);

    AccountClosure closure = new AccountClosure(UserService.proxy(vertx), SessionService.proxy(vertx),
        config.openBanking().map(ignored -> OpenBankingService.proxyWaitingUpTo(vertx,
            BusTimeouts.openBanking(config).toMillis())).orElse(null),
        config.payments().map(ignored -> PaymentService.proxy(vertx)).orElse(null));
    new UserEndpoints(UserService.proxy(vertx), SessionService.proxy(vertx), closure, authentication, limiter,
        config.auth()).mount(operations);
    new AuthEndpoints(SessionService.proxy(vertx), authentication).mount(operations);
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
      new OpenBankingEndpoints(openBanking, UserService.proxy(vertx), authentication, openBankingConfig)
          .mount(operations);
      CursorSeal cursors = new CursorSeal(Base64.getDecoder().decode(openBankingConfig.tokenEncryptionKey().reveal()),
          "transactions");
      new AccountEndpoints(openBanking, authentication, clock, bankReads, cursors).mount(operations);
      new TransferEndpoints(openBanking, authentication, idempotency, openBankingConfig.maxTransferAmount())
          .mount(operations);
    });
    // The merchant scheme exists only where payments run; without them no operation uses it.
    MerchantAuthentication[] merchantScheme = new MerchantAuthentication[1];
    config.payments().ifPresent(paymentsConfig -> {
      PaymentService payments = PaymentService.proxyWaitingUpTo(vertx, BusTimeouts.payments(config).toMillis());
      MerchantAuthentication merchants = new MerchantAuthentication(payments);
      merchantScheme[0] = merchants;
      new PaymentEndpoints(payments, UserService.proxy(vertx), authentication, merchants, idempotency,
          paymentsConfig.maxAmount())
          .mount(operations);
      new FinAccountEndpoints(payments, authentication, clock, bankReads,
          new CursorSeal(paymentsConfig.nhAccessToken().reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              "fin-account-history")).mount(operations);
      new WebhookEndpoints(WebhookService.proxy(vertx), merchants).mount(operations);
      new RepairEndpoints(payments, authentication).mount(operations);
    });
    if (merchantScheme[0] != null) {
      builder.security("apiKey").apiKeyHandler(merchantScheme[0].contractScheme());
    }
    if (config.openBanking().isPresent() || config.payments().isPresent()) {
      // The cursor key comes from a secret every replica shares: open banking's token key, else NH's access token.
      byte[] cursorSecret = config.openBanking()
          .map(ob -> Base64.getDecoder().decode(ob.tokenEncryptionKey().reveal()))
          .orElseGet(() -> config.payments().orElseThrow().nhAccessToken().reveal()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      new MovementEndpoints(
          config.openBanking().map(ignored -> OpenBankingService.proxy(vertx)).orElse(null),
          config.payments().map(ignored -> PaymentService.proxy(vertx)).orElse(null),
          authentication, new CursorSeal(cursorSecret, "movements")).mount(operations);
    }
    new HistoryEndpoints(HistoryService.proxy(vertx), authentication).mount(operations);
    config.chat().ifPresent(chat -> new ChatEndpoints(vertx, ChatService.proxy(vertx, config.http().requestTimeout().toMillis()),
        authentication).mount(operations));

    ApiIndexEndpoint index = new ApiIndexEndpoint();
    index.mount(operations);

    router = operations.createRouter();
    index.listing(router);
    // The docs page's files are not operations of the API: plain routes after the contract's.
    contractEndpoints.mountAssets(router);

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

  /**
   * What every request goes through before its operation's route, in this order: request id, access log, security
   * headers, client address, malformed queries; then on {@code /api/}: CORS (only for configured origins), the body
   * limit (also on routes that read no body, which would otherwise take any size) and the request timeout, except on
   * the event stream, which stays open for as long as its session.
   */
  private void crossCutting(RouterBuilder builder) {
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.http().bodyLimitBytes());
    TimeoutHandler timeout = TimeoutHandler.create(config.http().requestTimeout().toMillis(), 503);
    builder.rootHandler(new RequestIdHandler()).rootHandler(new AccessLogHandler()).rootHandler(new SecurityHeaders())
        .rootHandler(new ClientAddress(config.http().trustedProxies())::attach).rootHandler(new MalformedRequests());
    if (!config.http().corsAllowedOrigins().isEmpty()) {
      // Only the configured origins; without any, no CORS headers at all, so browsers keep other sites out.
      CorsHandler cors = CorsHandler.create().addOrigins(config.http().corsAllowedOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "X-Request-Id"))
          .exposedHeaders(Set.of("Location", "Retry-After", "RateLimit", "X-Request-Id", "Idempotent-Replayed"))
          .maxAgeSeconds(600);
      builder.rootHandler(onApi(cors::handle));
    }
    builder.rootHandler(onApi(bodies::handle));
    builder.rootHandler(onApi(ctx -> {
      if (NotificationEndpoints.isStream(ctx)) {
        ctx.next();
      } else {
        timeout.handle(ctx);
      }
    }));
  }

  /** A handler for {@code /api/} requests only; others go on untouched. */
  private static Handler<RoutingContext> onApi(Handler<RoutingContext> handler) {
    return ctx -> {
      String path = ctx.request().path();
      if (path.startsWith("/api/") || path.equals("/api")) {
        handler.handle(ctx);
      } else {
        ctx.next();
      }
    };
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
