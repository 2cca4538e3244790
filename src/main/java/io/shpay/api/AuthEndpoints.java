package io.shpay.api;

import io.shpay.common.error.Failures;
import io.shpay.common.error.FieldError;
import io.shpay.user.LoginAttempt;
import io.shpay.user.UserRole;
import io.shpay.user.SessionService;
import io.shpay.user.TokenPair;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /api/v1/auth}: login, refresh-token rotation and logout. */
final class AuthEndpoints {

  private static final Pattern CLIENT_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private final SessionService sessions;
  private final Authentication authentication;

  AuthEndpoints(SessionService sessions, Authentication authentication) {
    this.sessions = sessions;
    this.authentication = authentication;
  }

  void mount(ApiOperations operations) {
    operations.on("login").respond(this::login);
    operations.on("refreshTokens").respond(this::refresh);
    operations.on("logout").respond(ctx -> sessions.logout(Caller.of(ctx).sessionId()).map(ignored -> {
      ctx.response().setStatusCode(204);
      return null;
    }));
    operations.on("liftLoginLimits").requireRole(UserRole.ADMIN).respond(this::liftLoginLimits);
  }


  /** An ADMIN lifts a lockout without waiting for the window: {@code ?email=} and/or {@code ?address=}. */
  private Future<JsonObject> liftLoginLimits(RoutingContext ctx) {
    String email = ctx.queryParams().get("email");
    String address = ctx.queryParams().get("address");
    List<FieldError> errors = new ArrayList<>();
    if (email != null && (email.isBlank() || email.length() > 254)) {
      errors.add(new FieldError("email", "must be an account's email"));
    }
    if (address != null && !CLIENT_ADDRESS.matcher(address).matches()) {
      errors.add(new FieldError("address", "must be an IPv4 or IPv6 address"));
    }
    if (email == null && address == null) {
      errors.add(new FieldError("email", "name an email, an address or both"));
    }
    if (!errors.isEmpty()) {
      throw Failures.invalid(errors);
    }
    return sessions.liftLoginLimits(Caller.of(ctx).userId(), email == null ? "" : email, address == null ? "" : address)
        .map(SessionJson::liftedLimits);
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
    return UserJson.tokens(tokens);
  }
}
