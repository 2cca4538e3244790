package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs every KFTC call the same way: injected failure or the real endpoint, then the configured
 * latency, then the answer or a dropped connection, then one debug line. Endpoints are plain
 * synchronous functions of an {@link Exchange} because the bank is in memory on this context;
 * the only asynchrony is the latency timer and the write.
 *
 * <p>The work happens before the latency, as at a slow bank: a client that gives up while waiting
 * has still moved the money, which is exactly the case {@code transfer/result} exists for.
 */
final class KftcCalls {

  private static final Logger LOG = LoggerFactory.getLogger("io.shpay.sandbox.kftc.calls");

  private final Vertx vertx;
  private final FaultInjector faults;
  private final Bank bank;
  private final Clock clock;

  KftcCalls(Vertx vertx, FaultInjector faults, Bank bank, Clock clock) {
    this.vertx = vertx;
    this.faults = faults;
    this.bank = bank;
    this.clock = clock;
  }

  /** A call that reaches a bank: its answers carry the bank_* fields. */
  Handler<RoutingContext> bank(Function<Exchange, Reply> endpoint) {
    return ctx -> handle(ctx, true, endpoint);
  }

  /** A call KFTC answers by itself (OAuth, user/me, account/list). */
  Handler<RoutingContext> plain(Function<Exchange, Reply> endpoint) {
    return ctx -> handle(ctx, false, endpoint);
  }

  /** Any other method on a KFTC path. */
  static Reply methodNotAllowed(Exchange ex) {
    throw KftcError.of(RspCodes.METHOD_NOT_ALLOWED, ex.ctx().request().method() + " is not allowed on this path");
  }

  private void handle(RoutingContext ctx, boolean bankCall, Function<Exchange, Reply> endpoint) {
    long started = System.nanoTime();
    String path = ctx.request().path();
    Exchange ex = new Exchange(ctx, bankCall, KoreanWire.now(clock));
    FaultInjector.Failure failure = faults.takeFailure(path);
    boolean drop = failure == null && faults.takeDrop(path);
    Reply reply = failure != null
        ? ex.injected(failure, bank.find(ex.rawFintechUseNum()).map(a -> a.bankCodeStd).orElse(""))
        : run(ex, endpoint);
    String fault = failure != null ? "injected" : drop ? "dropped" : "";

    Duration delay = faults.latency();
    Future<Void> due = delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis(), TimeUnit.MILLISECONDS);
    due.compose(ready -> drop ? ctx.request().connection().close() : write(ctx.response(), reply))
        .onSuccess(done -> log(ctx, path, reply, fault, started))
        .onFailure(err -> LOG.debug("KFTC sandbox {} {}: the answer could not be written ({})",
            ctx.request().method(), path, err.toString()));
  }

  private static Reply run(Exchange ex, Function<Exchange, Reply> endpoint) {
    try {
      return endpoint.apply(ex);
    } catch (KftcError refused) {
      return ex.refusal(refused);
    } catch (RuntimeException bug) {
      LOG.error("KFTC sandbox failed on {} {}", ex.ctx().request().method(), ex.ctx().request().path(), bug);
      return new Reply.Json(500, ex.envelope(RspCodes.BUSINESS_FAILURE, "sandbox internal error"));
    }
  }

  private static Future<Void> write(HttpServerResponse response, Reply reply) {
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (reply instanceof Reply.Json json) {
      return response.setStatusCode(json.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
          .end(json.body().encode());
    }
    if (reply instanceof Reply.Html html) {
      return response.setStatusCode(html.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8")
          .end(html.html());
    }
    Reply.Redirect redirect = (Reply.Redirect) reply;
    return response.setStatusCode(302).putHeader(HttpHeaders.LOCATION, redirect.location()).end();
  }

  /** One line per call. Never the query string, the body or headers: they carry codes and tokens. */
  private static void log(RoutingContext ctx, String path, Reply reply, String fault, long started) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    String rspCode = "";
    String bankRspCode = "";
    if (reply instanceof Reply.Json json) {
      rspCode = json.body().getString("rsp_code", "");
      bankRspCode = json.body().getString("bank_rsp_code", "");
    }
    LOG.atDebug()
        .addKeyValue("method", ctx.request().method().name())
        .addKeyValue("path", path)
        .addKeyValue("status", fault.equals("dropped") ? 0 : ctx.response().getStatusCode())
        .addKeyValue("rspCode", rspCode)
        .addKeyValue("bankRspCode", bankRspCode)
        .addKeyValue("fault", fault)
        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
        .log("KFTC sandbox {} {} {} {}{}", ctx.request().method().name(), path, rspCode, bankRspCode,
            fault.isEmpty() ? "" : " (" + fault + ")");
  }
}
