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
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

import java.util.function.Function;
import java.util.Optional;
import java.util.Set;

/**
 * The guard of people's operations ({@link #contractScheme}, the contract's {@code bearerAuth}): a bearer JWT verified
 * with the public key (signature, issuer, expiry), then a check that its session was not logged out or revoked, then
 * the operation's roles. Each failure ends in a 401 or 403 problem.
 */
final class Authentication {

  private final JWTAuth verifier;
  private final SessionService sessions;

  Authentication(JWTAuth verifier, SessionService sessions) {
    this.verifier = verifier;
    this.sessions = sessions;
  }

  /**
   * The contract's {@code bearerAuth} scheme, for the router built from it: the whole guard (a signed, unexpired token
   * whose session is live, and the role the operation needs) in one handler, because the builder runs the request's
   * validation right after it: a USER asking an ADMIN operation is a 403 whatever the request holds.
   *
   * @param rolesFor the roles an operation is open to, for the route being served (null: every role)
   */
  JWTAuthHandler contractScheme(Function<RoutingContext, Set<UserRole>> rolesFor) {
    return new BearerScheme(this, rolesFor);
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
        verify(ctx, null);
        return;
      }
      tickets.redeem(ticket).onComplete(redeemed -> {
        if (redeemed.failed()) {
          ctx.fail(redeemed.cause());
        } else {
          checkSession(ctx, Optional.of(redeemed.result()), null);
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

  private void verify(RoutingContext ctx, Set<UserRole> roles) {
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
        checkSession(ctx, callerFrom(verified.result()), roles);
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
  private record BearerScheme(Authentication authentication, Function<RoutingContext, Set<UserRole>> rolesFor)
      implements JWTAuthHandler {

    @Override
    public void handle(RoutingContext ctx) {
      authentication.verify(ctx, rolesFor.apply(ctx));
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



  private void checkSession(RoutingContext ctx, Optional<Caller> caller, Set<UserRole> roles) {
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
      } else if (roles != null && !roles.contains(caller.get().role())) {
        ctx.fail(forbidden(roles));
      } else {
        caller.get().attachTo(ctx);
        ctx.next();
      }
    });
  }

  private static RuntimeException forbidden(Set<UserRole> allowed) {
    return Failures.of(ErrorCode.FORBIDDEN, "This needs one of the roles " + allowed + ".");
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
