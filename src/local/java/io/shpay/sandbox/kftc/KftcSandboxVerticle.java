package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;
import io.shpay.sandbox.SandboxVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The sandbox's one verticle: loads the seed, owns the bank, tokens and {@code bank_tran_id}
 * registry, and serves them over HTTP. Everything stateful is touched only on this verticle's
 * context, which is why there are no locks.
 */
final class KftcSandboxVerticle extends SandboxVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(KftcSandboxVerticle.class);

  private final KftcSandboxOptions options;
  private final FaultInjector faults;
  private volatile Bank bank;
  private volatile Tokens tokens;

  KftcSandboxVerticle(KftcSandboxOptions options, FaultInjector faults) {
    this.options = options;
    this.faults = faults;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> SeedLoader.load(options.seedFile(), KoreanWire.today(options.clock())))
        .compose(loaded -> {
          bank = loaded;
          tokens = new Tokens(options.clock(), options.accessTokenTtl());
          return listen(options.host(), options.port(), router(loaded, tokens));
        })
        .onSuccess(listening -> {
          LOG.info("KFTC sandbox listening on {}:{} (client_id {}, autoApprove {})", options.host(),
              listening.actualPort(), options.clientId(), options.autoApprove());
        });
  }

  private Router router(Bank bank, Tokens tokens) {
    var calls = new KftcCalls(vertx, faults, bank, options.clock());
    var guard = new BearerGuard(tokens);
    var bankTranIds = new BankTranIds(options.clientUseCode(), options.clock());
    BodyHandler bodies = bodies();
    String agreedAt = Wire.DTIME.format(KoreanWire.now(options.clock()));

    Router router = Router.router(vertx);
    new OAuthEndpoints(options, bank, tokens).mount(router, bodies, calls);
    new AccountEndpoints(bank, guard, bankTranIds, agreedAt).mount(router, calls);
    new TransactionListEndpoint(bank, guard, bankTranIds).mount(router, calls);
    new TransferEndpoints(bank, guard, bankTranIds).mount(router, bodies, calls);
    new TransferResultEndpoint(bank, guard).mount(router, bodies, calls);
    new RealNameEndpoint(bank, guard, bankTranIds).mount(router, bodies, calls);
    new UserCloseEndpoint(bank, tokens, guard, options.clientUseCode()).mount(router, bodies, calls);
    new AccountCancelEndpoint(bank, guard, bankTranIds).mount(router, bodies, calls);
    faults.endpoints().mount(router, bodies);
    new PeopleEndpoint(bank).mount(router, bodies, KoreanWire.DATE.format(KoreanWire.now(options.clock())));

    router.errorHandler(404, ctx -> plainError(ctx, 404, RspCodes.FORMAT, "no such API in the KFTC sandbox"));
    router.errorHandler(405, ctx -> plainError(ctx, 200, RspCodes.METHOD_NOT_ALLOWED, RspCodes.message(RspCodes.METHOD_NOT_ALLOWED)));
    router.errorHandler(413, ctx -> plainError(ctx, 413, RspCodes.FORMAT, "the request body is too large"));
    router.errorHandler(400, ctx -> plainError(ctx, 400, RspCodes.FORMAT, "the request is malformed"));
    router.errorHandler(500, ctx -> {
      LOG.error("KFTC sandbox failed on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
      plainError(ctx, 500, RspCodes.BUSINESS_FAILURE, "sandbox internal error");
    });
    return router;
  }

  /** Errors the router decides before any endpoint runs, still in KFTC's envelope. */
  private void plainError(RoutingContext ctx, int status, String rspCode, String message) {
    answer(ctx, status, new JsonObject()
        .put("api_tran_id", UUID.randomUUID().toString())
        .put("api_tran_dtm", Wire.API_DTM.format(KoreanWire.now(options.clock())))
        .put("rsp_code", rspCode)
        .put("rsp_message", message));
  }

  Bank bank() {
    return bank;
  }

  Tokens tokens() {
    return tokens;
  }
}
