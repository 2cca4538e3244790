package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import io.shpay.sandbox.SandboxVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.TreeSet;

/**
 * The sandbox's one verticle: loads the seed, owns the bank, the FinAccounts and the IsTuno
 * registry, and serves them over HTTP. Everything stateful is touched only on this verticle's
 * context, which is why there are no locks.
 */
final class NhSandboxVerticle extends SandboxVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(NhSandboxVerticle.class);

  private final NhSandboxOptions options;
  private final FaultInjector faults;
  private volatile Bank bank;

  NhSandboxVerticle(NhSandboxOptions options, FaultInjector faults) {
    this.options = options;
    this.faults = faults;
  }

  /** NH routes every API by one path pattern ({@code /<ApiNm>.nh}): list each API by name. */
  @Override
  protected Set<String> routes(Router router) {
    Set<String> routes = new TreeSet<>();
    ApiNames.ALL.forEach(api -> routes.add("POST /" + api + ".nh"));
    return routes;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> SeedLoader.load(options.seedFile(), options.iscd(), KoreanWire.today(options.clock())))
        .compose(loaded -> {
          bank = loaded;
          return listen(options.host(), options.port(), router(loaded));
        })
        .onSuccess(listening -> {
          LOG.info("NH sandbox listening on {}:{} (Iscd {})", options.host(), listening.actualPort(), options.iscd());
        });
  }

  private Router router(Bank bank) {
    var calls = new NhCalls(vertx, faults, new HeaderGuard(options, new IsTunos(options.clock())), options.clock());
    new FinAccountEndpoints(bank).register(calls);
    new InquiryEndpoints(bank).register(calls);
    new TransferEndpoints(bank).register(calls);
    new HistoryEndpoint(bank).register(calls);
    BodyHandler bodies = bodies();

    Router router = Router.router(vertx);
    faults.endpoints().mount(router, bodies);
    calls.mount(router, bodies);

    // Only what never reached an NH call lands here; NH answers inside a Header, so these do too.
    router.errorHandler(404, ctx -> plainError(ctx, 404, "no such path in the NH sandbox; calls are POST /{ApiNm}.nh"));
    router.errorHandler(405, ctx -> plainError(ctx, 405, "method not allowed on this path"));
    router.errorHandler(413, ctx -> plainError(ctx, 200, "the request body is larger than 64 KiB"));
    router.errorHandler(400, ctx -> plainError(ctx, 200, "the request is malformed"));
    router.errorHandler(500, ctx -> {
      LOG.error("NH sandbox failed on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
      answer(ctx, 200, header(Rpcd.SYSTEM, Rpcd.message(Rpcd.SYSTEM) + ": sandbox internal error"));
    });
    return router;
  }

  private static void plainError(RoutingContext ctx, int status, String detail) {
    answer(ctx, status, header(Rpcd.FIELD, Rpcd.message(Rpcd.FIELD) + ": " + detail));
  }

  private static JsonObject header(String rpcd, String rsms) {
    return new JsonObject().put("Header", new JsonObject().put("Rpcd", rpcd).put("Rsms", rsms));
  }

  Bank bank() {
    return bank;
  }
}
