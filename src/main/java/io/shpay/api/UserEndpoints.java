package io.shpay.api;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.ratelimit.RateLimiter;
import io.shpay.user.SessionService;
import io.shpay.user.SignUp;
import io.shpay.user.UserRole;
import io.shpay.user.UserService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.Set;

/**
 * {@code /api/v1/users}: sign-up, the caller's profile, password, sessions and account closure, and role changes by
 * an admin.
 */
final class UserEndpoints {

  static final int MIN_PASSWORD_LENGTH = 10;
  static final int MAX_PASSWORD_LENGTH = 128;

  private final UserService users;
  private final SessionService sessions;
  private final AccountClosure closure;
  private final Authentication authentication;
  private final RateLimiter limiter;
  private final RateLimiter.Policy signUpsPerAddress;
  private final RateLimiter.Policy signUpsEverywhere;

  /** Sign-up hashes a password (deliberately slow, on the pool logins use too), so it is limited per address and overall. */
  UserEndpoints(UserService users, SessionService sessions, AccountClosure closure, Authentication authentication,
      RateLimiter limiter, ShpayConfig.Auth auth) {
    this.users = users;
    this.sessions = sessions;
    this.closure = closure;
    this.authentication = authentication;
    this.limiter = limiter;
    this.signUpsPerAddress = new RateLimiter.Policy("sign-up-ip", auth.signUpsPerIp(), Duration.ofHours(1));
    this.signUpsEverywhere = new RateLimiter.Policy("sign-up", auth.signUpsPerMinute(), Duration.ofMinutes(1));
  }

  void mount(ApiOperations operations) {
    operations.on("signUp").respond(this::signUp);
    operations.on("getMe").respond(ctx -> users.find(Caller.of(ctx).userId()).map(UserJson::user));
    operations.on("changePassword").respond(this::changePassword);
    operations.on("listSessions")
        .respond(ctx -> sessions.sessions(Caller.of(ctx).userId(), Caller.of(ctx).sessionId()).map(SessionJson::sessions));
    // The contract has checked sessionId is an id (a malformed one is the 404 of a missing session).
    operations.on("endSession").respond(ctx -> sessions.endSession(Caller.of(ctx).userId(), ctx.pathParam("sessionId"))
        .map(ended -> noContent(ctx)));
    operations.on("closeAccount").respond(this::close);
    operations.on("changeUserRole").requireRole(UserRole.ADMIN).respond(this::changeRole);
  }


  private Future<JsonObject> signUp(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("email", "name", "password"));
    String email = Requests.email(body, "email");
    String name = body.requiredString("name", 1, 100);
    String password = body.requiredSecret("password", MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
    body.validate();
    return limiter.admit(signUpsPerAddress, Requests.clientIp(ctx))
        .compose(ignored -> limiter.admit(signUpsEverywhere, "all"))
        .compose(ignored -> users.signUp(new SignUp(email, name, password))).map(user -> {
      ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/users/me");
      return UserJson.user(user);
    });
  }

  private Future<JsonObject> changePassword(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("currentPassword", "newPassword"));
    String current = body.requiredSecret("currentPassword", 1, MAX_PASSWORD_LENGTH);
    String next = body.requiredSecret("newPassword", MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
    if (current != null && current.equals(next)) {
      body.reject("newPassword", "must differ from currentPassword");
    }
    body.validate();
    Caller caller = Caller.of(ctx);
    return sessions.changePassword(caller.userId(), caller.sessionId(), current, next, Requests.clientIp(ctx))
        .map(changed -> noContent(ctx));
  }

  /** The password is asked again: a borrowed phone with a signed-in app must not be enough to close the account. */
  private Future<JsonObject> close(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("password"));
    String password = body.requiredSecret("password", 1, MAX_PASSWORD_LENGTH);
    body.validate();
    return closure.close(Caller.of(ctx).userId(), password, Requests.clientIp(ctx)).map(closed -> noContent(ctx));
  }

  private static JsonObject noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204);
    return null;
  }

  private Future<JsonObject> changeRole(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("role"));
    String roleText = body.requiredString("role", 1, 16);
    var role = UserRole.parse(roleText);
    if (roleText != null && role.isEmpty()) {
      body.reject("role", "must be one of USER, SUPPORT, ADMIN");
    }
    body.validate();
    return users.changeRole(ctx.pathParam("userId"), role.orElseThrow()).map(UserJson::user);
  }
}
