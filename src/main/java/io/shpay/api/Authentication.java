package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.user.SessionService;
import io.shpay.user.UserRole;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Route guards. {@link #requireUser(Route)} is a chain: a bearer JWT verified with the public key
 * (signature, issuer, expiry), then a check that its session was not logged out or revoked.
 * {@link #requireRole} then narrows by role. Each failure ends in a 401 or 403 problem.
 */
final class Authentication {

  private static final String TICKET_CALLER = "ticketCaller";

  private final AuthenticationHandler bearer;
  private final SessionService sessions;

  Authentication(JWTAuth verifier, SessionService sessions) {
    this.bearer = new EmptyBearerIsMissing(JWTAuthHandler.create(verifier));
    this.sessions = sessions;
  }

  /** Guards a route: only a signed-in caller with a live session reaches the handlers added after this. */
  Route requireUser(Route route) {
    return route.handler(bearer).handler(this::checkSession);
  }

  /**
   * As {@link #requireUser}, but a {@code ticket} query parameter (from {@link StreamTickets}) may stand in for the
   * bearer token; the ticket's session is checked just the same.
   */
  Route requireUserOrTicket(Route route, StreamTickets tickets) {
    return route.handler(ctx -> {
      String ticket = ctx.request().getParam("ticket");
      if (ticket == null) {
        bearer.handle(ctx);
        return;
      }
      tickets.redeem(ticket).onComplete(redeemed -> {
        if (redeemed.failed()) {
          ctx.fail(redeemed.cause());
        } else {
          ctx.put(TICKET_CALLER, redeemed.result());
          ctx.next();
        }
      });
    }).handler(this::checkSession);
  }

  /**
   * {@code Authorization: Bearer } with nothing after it (typically an unset shell variable) is a
   * missing credential, so 401 like no header at all; the JWT handler alone would call it a
   * malformed request (400), which sends people looking in the wrong place. It is an
   * authentication handler itself because Vert.x refuses a plain handler ahead of one.
   */
  private record EmptyBearerIsMissing(AuthenticationHandler jwt) implements AuthenticationHandler {

    @Override
    public void handle(RoutingContext ctx) {
      String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
      if (header != null && header.trim().regionMatches(true, 0, "Bearer", 0, 6) && header.trim().length() <= 6) {
        ctx.fail(Failures.of(ErrorCode.UNAUTHENTICATED,
            "The bearer token is empty; send Authorization: Bearer <accessToken from POST /api/v1/auth/login>."));
        return;
      }
      jwt.handle(ctx);
    }
  }

  static Handler<RoutingContext> requireRole(UserRole first, UserRole... more) {
    Set<UserRole> allowed = EnumSet.of(first, more);
    return ctx -> {
      if (allowed.contains(Caller.of(ctx).role())) {
        ctx.next();
      } else {
        ctx.fail(Failures.of(ErrorCode.FORBIDDEN, "This needs one of the roles " + allowed + "."));
      }
    };
  }

  private void checkSession(RoutingContext ctx) {
    Caller byTicket = ctx.get(TICKET_CALLER);
    Optional<Caller> caller = byTicket != null ? Optional.of(byTicket) : callerFrom(ctx.user());
    if (caller.isEmpty()) {
      ctx.fail(Failures.of(ErrorCode.UNAUTHENTICATED, "The access token lacks the claims SH Pay issues."));
      return;
    }
    if (caller.get().tokenExpiresAt() * 1000 <= System.currentTimeMillis()) {
      ctx.fail(Failures.of(ErrorCode.UNAUTHENTICATED, "The access token has expired; refresh it."));
      return;
    }
    sessions.isActive(caller.get().sessionId()).onComplete(active -> {
      if (active.failed()) {
        ctx.fail(active.cause());
      } else if (!active.result()) {
        ctx.fail(Failures.of(ErrorCode.UNAUTHENTICATED, "This session has ended; sign in again."));
      } else {
        caller.get().attachTo(ctx);
        ctx.next();
      }
    });
  }

  private static Optional<Caller> callerFrom(User user) {
    if (user == null) {
      return Optional.empty();
    }
    JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
    String subject = claims.getString("sub");
    String sessionId = claims.getString("sid");
    Optional<UserRole> role = UserRole.parse(claims.getString("role"));
    Long expiresAt = claims.getLong("exp");
    if (subject == null || sessionId == null || role.isEmpty() || expiresAt == null) {
      return Optional.empty();
    }
    return Optional.of(new Caller(subject, role.get(), sessionId, expiresAt));
  }
}
