package io.shpay.openbanking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Last known balances in Redis, so a balance answers at once. Entries live {@code ttl}; a
 * refresh claim (SET NX, a few seconds) keeps concurrent readers from asking the bank together.
 */
final class BalanceCache {

  private static final String KEY = "shpay:balance:";
  /** The entry's field naming the user whose linked account it is (never shown in a view). */
  static final String OWNER = "owner";
  private static final String REFRESHING = "shpay:balance-refreshing:";
  private static final Duration REFRESH_CLAIM = Duration.ofSeconds(15);

  private final RedisAPI redis;
  private final Duration ttl;

  BalanceCache(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  /** {@code {balance, available, asOf}} as last stored. */
  Future<Optional<JsonObject>> get(String accountId) {
    return redis.get(KEY + accountId).map(value -> Optional.ofNullable(value).map(v -> new JsonObject(v.toString())));
  }

  /** Stores the balance with the user it was read for ({@link #OWNER}), so a later read can skip MySQL. */
  Future<Void> put(String accountId, String ownerId, JsonObject balance) {
    String entry = balance.copy().put(OWNER, ownerId).encode();
    return redis.set(List.of(KEY + accountId, entry, "PX", Long.toString(ttl.toMillis()))).mapEmpty();
  }

  /** True for the one caller that should refresh this account now. */
  Future<Boolean> claimRefresh(String accountId) {
    return redis.set(List.of(REFRESHING + accountId, "1", "PX", Long.toString(REFRESH_CLAIM.toMillis()), "NX"))
        .map(claimed -> claimed != null);
  }

  Future<Void> releaseRefresh(String accountId) {
    return redis.del(List.of(REFRESHING + accountId)).mapEmpty();
  }
}
