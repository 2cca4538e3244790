package io.shpay.user;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.time.Duration;
import java.util.List;

/**
 * Revoked sessions whose access tokens may still be unexpired. Each key lives as long as the
 * longest access token could, then disappears on its own. MySQL remains the record of revoked
 * refresh tokens; this list only cuts short the access tokens already handed out.
 */
final class SessionRevocations {

  private static final String KEY = "shpay:session:revoked:";

  private final RedisAPI redis;
  private final Duration accessTokenTtl;

  SessionRevocations(RedisAPI redis, Duration accessTokenTtl) {
    this.redis = redis;
    this.accessTokenTtl = accessTokenTtl;
  }

  Future<Void> revoke(String sessionId) {
    String ttl = Long.toString(accessTokenTtl.toSeconds() + 60);
    return redis.set(List.of(KEY + sessionId, "1", "EX", ttl)).mapEmpty();
  }

  Future<Boolean> isRevoked(String sessionId) {
    return redis.exists(List.of(KEY + sessionId)).map(count -> count.toInteger() > 0);
  }
}
