package io.shpay.user;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Sign-in sessions, served by {@link UserVerticle} on the event bus.
 *
 * <p>A session is a family of refresh tokens started by one login; its id is the {@code sid}
 * claim of every access token issued in it. Failures: {@code invalid_credentials} (the same for a
 * wrong email and a wrong password), {@code rate_limited}, {@code invalid_refresh_token},
 * {@code refresh_token_reused} (the whole session is revoked).
 */
@ProxyGen
@VertxGen
public interface SessionService {

  String ADDRESS = "shpay.user.sessions";

  static SessionService proxy(Vertx vertx) {
    return new SessionServiceVertxEBProxy(vertx, ADDRESS);
  }

  Future<TokenPair> login(LoginAttempt attempt);

  /** Uses a refresh token once and returns its successor in the same session. */
  Future<TokenPair> refresh(String refreshToken);

  /** Ends the session: its refresh tokens and its unexpired access tokens stop working. */
  Future<Void> logout(String sessionId);

  /** The user's live sessions, most recently active first, {@code current} marking {@code currentSessionId}. */
  Future<List<SessionView>> sessions(String userId, String currentSessionId);

  /** Ends one of the user's live sessions; another user's session is {@code not_found}, like a missing one. */
  Future<Void> endSession(String userId, String sessionId);

  /**
   * Checks the user's password again before a grave step (closing the account), counted against the login
   * limits: {@code wrong_password} when it does not match, {@code rate_limited} past the limits.
   */
  Future<Void> confirmPassword(String userId, String password, String clientIp);

  /** Replaces the password once the current one is confirmed, and ends every session of the user but this one. */
  Future<Void> changePassword(String userId, String sessionId, String currentPassword, String newPassword,
      String clientIp);

  /** Whether access tokens of this session are still honoured. */
  Future<Boolean> isActive(String sessionId);

  /**
   * Lifts the login limits of an account ({@code email}) and/or a client address ({@code address});
   * an empty string leaves that side alone. Recorded in the audit log with {@code adminUserId}.
   * Answers whether each had a counter that is now gone.
   */
  Future<LiftedLoginLimits> liftLoginLimits(String adminUserId, String email, String address);
}
