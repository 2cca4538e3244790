package io.shpay.sandbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sandbox's one verticle shares with the other: the HTTP server it binds, stopped with the
 * verticle, and the way it writes an error the router decides before any endpoint runs.
 */
public abstract class SandboxVerticle extends VerticleBase {

  /** Both banks' requests are small; anything larger is refused before it is buffered. */
  protected static final int BODY_LIMIT_BYTES = 64 * 1024;

  private volatile HttpServer server;

  /**
   * Binds {@code host:port} (0 = any free port) and serves {@code router} there, plus {@code GET /}: which bank this is
   * and the routes it answers, so the base URL the local stack prints answers too.
   */
  protected Future<HttpServer> listen(String host, int port, Router router) {
    router.get("/").handler(ctx -> answer(ctx, 200, index(router)));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  private JsonObject index(Router router) {
    String bank = getClass().getSimpleName().replace("SandboxVerticle", "").toUpperCase(Locale.ROOT);
    return new JsonObject().put("sandbox", bank).put("routes", new JsonArray(List.copyOf(routes(router))));
  }

  /** {@code METHOD /path} of every route with a plain path and methods; a bank routed by pattern lists its own. */
  protected Set<String> routes(Router router) {
    Set<String> routes = new TreeSet<>();
    router.getRoutes().stream()
        .filter(route -> route.getPath() != null && route.methods() != null && !"/".equals(route.getPath()))
        .forEach(route -> route.methods().forEach(method -> routes.add(method.name() + " " + route.getPath())));
    return routes;
  }

  /** Bodies are read into memory up to {@link #BODY_LIMIT_BYTES}; no uploads to disk. */
  protected static BodyHandler bodies() {
    return BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES);
  }

  /** Writes {@code body} as JSON unless something already answered (a dropped or timed-out call). */
  protected static void answer(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
        .end(body.encode());
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
