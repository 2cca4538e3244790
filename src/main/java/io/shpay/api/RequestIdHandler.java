package io.shpay.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token (so a
 * gateway's id follows the request through our logs), otherwise a new one. It is echoed in the
 * response header and in every problem body.
 */
final class RequestIdHandler implements Handler<RoutingContext> {

  static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    String id = incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  static String requestId(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "none" : id;
  }
}
