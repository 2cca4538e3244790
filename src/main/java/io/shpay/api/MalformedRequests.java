package io.shpay.api;

import io.shpay.common.error.Failures;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose query string cannot be decoded (a {@code %} not followed by two hex digits, bytes that are
 * not UTF-8) with a 400 naming the query, before any route reads a parameter and the decoder's exception becomes a
 * 500. Routes reached without a token, such as the consent callback, are covered the same way.
 */
final class MalformedRequests implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    try {
      ctx.queryParams();
      ctx.request().params();
    } catch (RuntimeException malformed) {
      ctx.fail(Failures.invalid("query", "has a malformed percent escape"));
      return;
    }
    ctx.next();
  }
}
