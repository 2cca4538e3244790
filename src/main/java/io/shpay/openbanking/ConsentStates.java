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
 * One-time OAuth {@code state} values, each bound to the user who asked for the consent link.
 * The callback spends a state with GETDEL, so a replayed or forged callback finds nothing.
 */
final class ConsentStates {

  private static final String KEY = "shpay:consent-state:";
  private final SecureRandom random = new SecureRandom();
  private final RedisAPI redis;
  private final Duration ttl;

  ConsentStates(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  /** A fresh 32-character state for this user. */
  Future<String> issue(String userId) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return redis.set(List.of(KEY + state, userId, "PX", Long.toString(ttl.toMillis()))).map(state);
  }

  /** The user the state was issued to, once; empty when unknown, expired or already spent. */
  Future<Optional<String>> spend(String state) {
    return redis.getdel(KEY + state).map(user -> Optional.ofNullable(user).map(Response::toString));
  }
}
