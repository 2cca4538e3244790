package io.shpay.api;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries, whatever produced it (a route, the problem handler, a 404): nothing SH Pay answers
 * may be cached (balances, tokens and secrets travel in bodies), sniffed into another media type, framed, sent on as
 * a referrer, or run as a page with scripts. SH Pay serves no HTML but its docs page, so the content security policy allows nothing
 * elsewhere.
 * A route that set its own {@code Cache-Control} keeps it.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

  /** A route that serves a page of its own (the API docs) names its policy under this key. */
  static final String POLICY_KEY = "contentSecurityPolicy";
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(ignored -> {
      MultiMap headers = ctx.response().headers();
      if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
        headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
      }
      headers.set("X-Content-Type-Options", "nosniff")
          .set("Referrer-Policy", "no-referrer")
          .set("Content-Security-Policy", ctx.get(POLICY_KEY, CONTENT_SECURITY_POLICY))
          .set("X-Frame-Options", "DENY")
          .set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    });
    ctx.next();
  }
}
