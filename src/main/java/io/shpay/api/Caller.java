package io.shpay.api;

import io.shpay.user.UserRole;
import io.vertx.ext.web.RoutingContext;

/**
 * The authenticated person behind a request, taken from a verified access token; {@code tokenExpiresAt} is the
 * token's {@code exp} (epoch seconds), after which nothing it opened (an event stream) may go on.
 */
public record Caller(String userId, UserRole role, String sessionId, long tokenExpiresAt) {

  private static final String KEY = "caller";

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The caller of a route guarded by {@link Authentication#requireUser(io.vertx.ext.web.Route)}. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("Route is not guarded by Authentication.requireUser");
    }
    return caller;
  }
}
