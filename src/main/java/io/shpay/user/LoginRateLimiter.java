package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.ratelimit.RateLimiter;
import io.vertx.core.Future;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Login limits, shared by every replica: all attempts per client address, and attempts per account that have not
 * (yet) succeeded, so spraying one account from many addresses is stopped too. An attempt is counted against its
 * account <em>before</em> the password is checked and the count cleared only by a success: N parallel wrong guesses
 * each take a place in the window first, so no more than the limit ever reach the hash check.
 */
final class LoginRateLimiter {

  private final RateLimiter limiter;
  private final RateLimiter.Policy perAddress;
  private final RateLimiter.Policy perAccount;

  LoginRateLimiter(RateLimiter limiter, ShpayConfig.Auth config) {
    this.limiter = limiter;
    this.perAddress = new RateLimiter.Policy("login-ip", config.loginAttemptsPerIp(), config.loginWindow());
    this.perAccount = new RateLimiter.Policy("login-account", config.loginFailuresPerAccount(), config.loginWindow());
  }

  /** Counts this attempt against the address and the account; fails with {@code rate_limited} past either limit. */
  Future<Void> admit(String email, String clientIp) {
    return limiter.admit(perAddress, clientIp)
        .compose(ignored -> limiter.admit(perAccount, accountKey(email)))
        .mapEmpty();
  }

  /** Ends the account's lockout ({@code email} empty: none); true when it had failures counted. */
  Future<Boolean> liftAccount(String email) {
    return email.isEmpty() ? Future.succeededFuture(false) : limiter.lift(perAccount, accountKey(email));
  }

  /** Ends the address' lockout ({@code clientIp} empty: none); true when it had attempts counted. */
  Future<Boolean> liftAddress(String clientIp) {
    return clientIp.isEmpty() ? Future.succeededFuture(false) : limiter.lift(perAddress, clientIp);
  }

  /** The account's key without the email, fit for an audit line. */
  static String accountDigest(String email) {
    return accountKey(email);
  }

  /** A success ends the account's run of failures (the attempt itself was counted by {@link #admit}). */
  Future<Void> clearFailures(String email) {
    return limiter.reset(perAccount, accountKey(email));
  }

  /** Accounts are keyed by a digest so Redis never holds email addresses. */
  private static String accountKey(String email) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
