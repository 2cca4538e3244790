package io.shpay.api;

import io.shpay.user.LoginAttempt;
import io.shpay.user.SessionService;
import io.shpay.user.TokenPair;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Set;

/** {@code /api/v1/auth}: login, refresh-token rotation and logout. */
final class AuthEndpoints {

  private final SessionService sessions;
  private final Authentication authentication;

  AuthEndpoints(SessionService sessions, Authentication authentication) {
    this.sessions = sessions;
    this.authentication = authentication;
  }

  void mount(Router router, BodyHandler bodies) {
    router.post("/api/v1/auth/login").handler(bodies).respond(this::login);
    router.post("/api/v1/auth/refresh").handler(bodies).respond(this::refresh);
    authentication.requireUser(router.post("/api/v1/auth/logout"))
        .respond(ctx -> sessions.logout(Caller.of(ctx).sessionId()).map(ignored -> {
          ctx.response().setStatusCode(204);
          return null;
        }));
  }

  private Future<JsonObject> login(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("email", "password"));
    String email = body.requiredString("email", 1, 254);
    String password = body.requiredSecret("password", 1, UserEndpoints.MAX_PASSWORD_LENGTH);
    body.validate();
    return sessions.login(new LoginAttempt(email, password, Requests.clientIp(ctx))).map(tokens -> tokens(ctx, tokens));
  }

  private Future<JsonObject> refresh(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("refreshToken"));
    String refreshToken = body.requiredSecret("refreshToken", 1, 512);
    body.validate();
    return sessions.refresh(refreshToken).map(tokens -> tokens(ctx, tokens));
  }

  /** Token responses must never be cached by a browser or proxy. */
  private static JsonObject tokens(RoutingContext ctx, TokenPair tokens) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store").putHeader("Pragma", "no-cache");
    return tokens.toJson();
  }
}
