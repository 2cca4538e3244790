package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs every NH call the same way: an injected failure, or the header checks and the API's
 * endpoint; then the configured latency; then the answer or a dropped connection; then one debug
 * line. Endpoints are plain synchronous functions of an {@link Exchange} answering the fields
 * that follow the {@code Header}, because the bank is in memory on this context; the only
 * asynchrony is the latency timer and the write.
 *
 * <p>Every {@code /{ApiNm}.nh} answer is HTTP 200 with a {@code Header}, as at NH, even for an
 * API the sandbox does not know or a method other than POST: a client must read {@code Rpcd}.
 *
 * <p>The work happens before the latency, as at a slow bank: a client that gives up while waiting
 * has still moved the money, which is exactly the case the history lookup by {@code Tuno} is for.
 */
final class NhCalls {

  private static final Logger LOG = LoggerFactory.getLogger("io.shpay.sandbox.nh.calls");
  private static final String PATH_REGEX = "/[A-Za-z0-9]+\\.nh";

  private final Vertx vertx;
  private final FaultInjector faults;
  private final HeaderGuard guard;
  private final Clock clock;
  private final Map<String, Function<Exchange, JsonObject>> apis = new HashMap<>();

  NhCalls(Vertx vertx, FaultInjector faults, HeaderGuard guard, Clock clock) {
    this.vertx = vertx;
    this.faults = faults;
    this.guard = guard;
    this.clock = clock;
  }

  /** {@code endpoint} answers the fields after the Header, or throws {@link NhError}. */
  void register(String apiNm, Function<Exchange, JsonObject> endpoint) {
    if (!ApiNames.ALL.contains(apiNm)) {
      throw new IllegalArgumentException("not an API name of ApiNames: " + apiNm);
    }
    apis.put(apiNm, endpoint);
  }

  void mount(Router router, BodyHandler bodies) {
    router.route().pathRegex(PATH_REGEX).handler(bodies).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    String path = ctx.request().path();
    String apiNm = path.substring(1, path.length() - ".nh".length());
    Exchange ex = new Exchange(ctx, apiNm, KoreanWire.now(clock));
    Function<Exchange, JsonObject> endpoint = ctx.request().method() == HttpMethod.POST ? apis.get(apiNm) : null;

    FaultInjector.Failure failure = endpoint == null ? null : faults.takeFailure(apiNm);
    boolean drop = endpoint != null && failure == null && faults.takeDrop(apiNm);
    JsonObject answer = failure != null ? ex.injected(failure) : run(ex, endpoint);
    String fault = failure != null ? "injected" : drop ? "dropped" : "";

    Duration delay = faults.latency();
    Future<Void> due = delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis(), TimeUnit.MILLISECONDS);
    due.compose(ready -> drop ? ctx.request().connection().close() : write(ctx.response(), answer))
        .onSuccess(done -> log(ex, answer, fault, started))
        .onFailure(err -> LOG.debug("NH sandbox {}: the answer could not be written ({})", apiNm, err.toString()));
  }

  private JsonObject run(Exchange ex, Function<Exchange, JsonObject> endpoint) {
    try {
      if (endpoint == null) {
        throw ApiNames.ALL.contains(ex.apiNm())
            ? NhError.field(ex.apiNm() + ".nh answers POST only")
            : NhError.field("ApiNm " + ex.apiNm() + " is not an API of the NH sandbox");
      }
      guard.check(ex);
      return ex.ok(endpoint.apply(ex));
    } catch (NhError refused) {
      return ex.refusal(refused);
    } catch (RuntimeException bug) {
      // E9999 is "result unknown": the honest answer when the sandbox itself broke mid-call.
      LOG.error("NH sandbox failed on {}", ex.apiNm(), bug);
      return ex.answer(Rpcd.SYSTEM, Rpcd.message(Rpcd.SYSTEM) + ": sandbox internal error");
    }
  }

  private static Future<Void> write(HttpServerResponse response, JsonObject answer) {
    return response.setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(answer.encode());
  }

  /**
   * One line per call: the API, its result code and IsTuno (an id, not a secret). Never the body
   * or the rest of the header: the AccessToken travels there.
   */
  private static void log(Exchange ex, JsonObject answer, String fault, long started) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    JsonObject header = answer.getJsonObject("Header");
    String rpcd = header.getString("Rpcd", "");
    LOG.atDebug()
        .addKeyValue("apiNm", ex.apiNm())
        .addKeyValue("rpcd", rpcd)
        .addKeyValue("isTuno", header.getString("IsTuno", ""))
        .addKeyValue("fault", fault)
        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
        .log("NH sandbox {} {}{}", ex.apiNm(), rpcd, fault.isEmpty() ? "" : " (" + fault + ")");
  }
}
