package io.shpay.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured log line per request: method, path (never the query string, which may carry
 * codes), status, duration and request id. Probe and scrape traffic is logged at debug level.
 */
final class AccessLogHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("io.shpay.access");

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(ignored -> {
      String path = ctx.request().path();
      boolean quiet = path.startsWith("/health") || path.equals("/metrics");
      var event = quiet ? LOG.atDebug() : LOG.atInfo();
      event.addKeyValue("requestId", RequestIdHandler.requestId(ctx))
          .addKeyValue("method", ctx.request().method().name())
          .addKeyValue("path", path)
          .addKeyValue("status", ctx.response().getStatusCode())
          .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
          .log("{} {} {}", ctx.request().method().name(), path, ctx.response().getStatusCode());
    });
    ctx.next();
  }
}
