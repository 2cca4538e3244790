package io.shpay.openbanking;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One-time OAuth {@code state} values, each bound to the user who asked for the consent link and to
 * the browser that asked (the digest of a nonce only that browser holds, in a cookie). The callback
 * spends a state with GETDEL, so a replayed or forged callback finds nothing.
 */
final class ConsentStates {

  private static final String KEY = "shpay:consent-state:";  // expires with the consent link (consentStateTtl)
  private final SecureRandom random = new SecureRandom();
  private final RedisAPI redis;
  private final Duration ttl;

  /** Whose consent a state starts, and the digest of the browser nonce it was issued with. */
  record Issued(String userId, String browserDigest) {}

  ConsentStates(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  /** A fresh 32-character state for this user and browser. */
  Future<String> issue(String userId, String browserDigest) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return redis.set(List.of(KEY + state, userId + " " + browserDigest, "PX", Long.toString(ttl.toMillis())))
        .map(state);
  }

  /** What the state was issued for, once; empty when unknown, expired or already spent. */
  Future<Optional<Issued>> spend(String state) {
    return redis.getdel(KEY + state).map(found -> Optional.ofNullable(found).map(Response::toString).map(value -> {
      int space = value.indexOf(' ');
      return space < 0 ? new Issued(value, "") : new Issued(value.substring(0, space), value.substring(space + 1));
    }));
  }
}
