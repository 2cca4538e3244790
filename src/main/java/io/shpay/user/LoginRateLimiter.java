package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Fixed-window login limits in Redis, shared by every replica: all attempts per client address,
 * and failed attempts per account (so spraying one account from many addresses is stopped too).
 * Keys expire with their window; an account's counter is cleared by a successful login.
 */
final class LoginRateLimiter {

  private static final String IP_KEY = "shpay:login:ip:";
  private static final String ACCOUNT_KEY = "shpay:login:account:";

  private final RedisAPI redis;
  private final ShpayConfig.Auth config;

  LoginRateLimiter(RedisAPI redis, ShpayConfig.Auth config) {
    this.redis = redis;
    this.config = config;
  }

  /** Counts this attempt against the address and fails with {@code rate_limited} when a limit is reached. */
  Future<Void> admit(String email, String clientIp) {
    String ipKey = IP_KEY + clientIp;
    return count(ipKey).compose(attempts -> attempts > config.loginAttemptsPerIp()
        ? retryAfter(ipKey).compose(seconds -> Future.failedFuture(Failures.rateLimited(seconds)))
        : Future.succeededFuture())
        .compose(ignored -> redis.get(accountKey(email)))
        .compose(failures -> failures != null && failures.toLong() >= config.loginFailuresPerAccount()
            ? retryAfter(accountKey(email)).compose(seconds -> Future.failedFuture(Failures.rateLimited(seconds)))
            : Future.succeededFuture());
  }

  Future<Void> recordFailure(String email) {
    return count(accountKey(email)).mapEmpty();
  }

  /** Deletes the account's failure counter ({@code email} empty: none); true when there was one. */
  Future<Boolean> liftAccount(String email) {
    return email.isEmpty() ? Future.succeededFuture(false)
        : redis.del(List.of(accountKey(email))).map(deleted -> deleted.toLong() > 0);
  }

  /** Deletes the address' attempt counter ({@code clientIp} empty: none); true when there was one. */
  Future<Boolean> liftAddress(String clientIp) {
    return clientIp.isEmpty() ? Future.succeededFuture(false)
        : redis.del(List.of(IP_KEY + clientIp)).map(deleted -> deleted.toLong() > 0);
  }

  /** The account's key without the email, fit for an audit line. */
  static String accountDigest(String email) {
    return accountKey(email).substring(ACCOUNT_KEY.length());
  }

  Future<Void> clearFailures(String email) {
    return redis.del(List.of(accountKey(email))).mapEmpty();
  }

  /** Starts the window on first use (SET NX EX keeps the TTL of the first attempt), then counts. */
  private Future<Long> count(String key) {
    String windowSeconds = Long.toString(config.loginWindow().toSeconds());
    return redis.set(List.of(key, "0", "EX", windowSeconds, "NX"))
        .compose(ignored -> redis.incr(key))
        .map(Response::toLong);
  }

  private Future<Long> retryAfter(String key) {
    return redis.pttl(key).map(pttl -> Math.max(1, (pttl.toLong() + 999) / 1000));
  }

  /** Accounts are keyed by a digest so Redis never holds email addresses. */
  private static String accountKey(String email) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      return ACCOUNT_KEY + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
