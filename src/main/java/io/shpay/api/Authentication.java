package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.user.SessionService;
import io.shpay.user.UserRole;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
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

  private final JWTAuth verifier;
  private final AuthenticationHandler bearer;
  private final SessionService sessions;

  Authentication(JWTAuth verifier, SessionService sessions) {
    this.verifier = verifier;
    this.bearer = new EmptyBearerIsMissing(JWTAuthHandler.create(verifier));
    this.sessions = sessions;
  }

  /**
   * The contract's {@code bearerAuth} scheme, for the router built from it: the whole guard (a signed, unexpired token
   * whose session is live) in one handler, because the builder runs the request's validation right after it.
   */
  JWTAuthHandler contractScheme() {
    return new BearerScheme(this);
  }

  /**
   * The guard of the event stream, whose {@code ticket} query parameter (from {@link StreamTickets}) may stand in for
   * the bearer token, for {@code EventSource} cannot send headers; the ticket's session is checked just the same. A
   * handler of its own (the contract's two alternatives would need vertx-web's internal chain of handlers).
   */
  Handler<RoutingContext> userOrTicket(StreamTickets tickets) {
    return ctx -> {
      String ticket = ctx.request().getParam("ticket");
      if (ticket == null) {
        verify(ctx);
        return;
      }
      tickets.redeem(ticket).onComplete(redeemed -> {
        if (redeemed.failed()) {
          ctx.fail(redeemed.cause());
        } else {
          checkSession(ctx, Optional.of(redeemed.result()));
        }
      });
    };
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null when there is none. */
  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return null;
    }
    String trimmed = header.trim();
    if (trimmed.length() <= 7 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = trimmed.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private void verify(RoutingContext ctx) {
    String token = bearerToken(ctx);
    if (token == null) {
      String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
      boolean emptyBearer = header != null && header.trim().equalsIgnoreCase("Bearer");
      ctx.fail(Failures.of(ErrorCode.UNAUTHENTICATED, emptyBearer
          ? "The bearer token is empty; send Authorization: Bearer <accessToken from POST /api/v1/auth/login>."
          : "Sign in: send Authorization: Bearer <accessToken from POST /api/v1/auth/login>."));
      return;
    }
    String malformed = malformedToken(token);
    if (malformed != null) {
      // Not a compact JWS at all: a malformed request (400), as vertx-web's JWT handler answers it.
      ctx.fail(new io.vertx.ext.web.handler.HttpException(400, malformed));
      return;
    }
    verifier.authenticate(new TokenCredentials(token)).onComplete(verified -> {
      if (verified.failed()) {
        ctx.fail(new io.vertx.ext.web.handler.HttpException(401, verified.cause()));
      } else {
        checkSession(ctx, callerFrom(verified.result()));
      }
    });
  }

  /** Why a token cannot be a compact JWS (three base64url segments), or null when it can be. */
  private static String malformedToken(String token) {
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (++dots > 2) {
          return "Too many segments in token";
        }
      } else if (!Character.isLetterOrDigit(c) && c != '-' && c != '_') {
        return "Invalid character in token at " + i;
      }
    }
    return null;
  }

  /** {@code bearerAuth} as vertx-web's type for it; SH Pay's tokens carry no scopes, so there are none to set. */
  private record BearerScheme(Authentication authentication) implements JWTAuthHandler {

    @Override
    public void handle(RoutingContext ctx) {
      authentication.verify(ctx);
    }

    @Override
    public JWTAuthHandler scopeDelimiter(String delimiter) {
      return this;
    }

    @Override
    public JWTAuthHandler withScope(String scope) {
      throw new UnsupportedOperationException("SH Pay's access tokens carry no scopes");
    }

    @Override
    public JWTAuthHandler withScopes(java.util.List<String> scopes) {
      throw new UnsupportedOperationException("SH Pay's access tokens carry no scopes");
    }
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
    checkSession(ctx, byTicket != null ? Optional.of(byTicket) : callerFrom(ctx.user()));
  }

  private void checkSession(RoutingContext ctx, Optional<Caller> caller) {
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
