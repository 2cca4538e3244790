package io.shpay.openbanking;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.time.Duration;
import java.util.List;

/**
 * SH Pay's own 2-legged ({@code scope=oob}) token and its {@code client_use_code}, the prefix of
 * every bank_tran_id. Fetched once and kept in Redis until shortly before it expires, so every
 * replica shares one token instead of asking KFTC at each call.
 */
final class OobToken {

  /** What the cached token grants: the bearer token and the bank_tran_id prefix. */
  record Grant(String accessToken, String clientUseCode) {}

  private static final String KEY = "shpay:kftc:oob-token";
  private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(10);

  private final RedisAPI redis;
  private final KftcClient kftc;

  OobToken(RedisAPI redis, KftcClient kftc) {
    this.redis = redis;
    this.kftc = kftc;
  }

  Future<Grant> get() {
    return redis.get(KEY).compose(cached -> {
      if (cached != null) {
        JsonObject json = new JsonObject(cached.toString());
        return Future.succeededFuture(new Grant(json.getString("accessToken"), json.getString("clientUseCode")));
      }
      return fetch();
    });
  }

  /**
   * Makes a call with the cached token; when KFTC refuses the token (revoked or replaced early),
   * the cache is dropped and the call made once more with a fresh one. A refused call was not
   * processed, so repeating it is safe.
   */
  Future<KftcReply> call(java.util.function.Function<Grant, Future<KftcReply>> request) {
    return get().compose(request).compose(reply -> !reply.tokenRefused()
        ? Future.succeededFuture(reply)
        : redis.del(List.of(KEY)).compose(dropped -> fetch()).compose(request));
  }

  private Future<Grant> fetch() {
    return kftc.oobToken().compose(reply -> {
      String token = reply.grantedAccessToken();
      String clientUseCode = reply.body().getString("client_use_code");
      if (token == null || clientUseCode == null) {
        return Failures.fail(ErrorCode.BANK_ERROR, "KFTC refused SH Pay's own token (" + reply.rspCode() + ").");
      }
      long ttlMillis = Math.max(1_000, reply.body().getLong("expires_in", 0L) * 1000 - EXPIRY_MARGIN.toMillis());
      JsonObject cached = new JsonObject().put("accessToken", token).put("clientUseCode", clientUseCode);
      return redis.set(List.of(KEY, cached.encode(), "PX", Long.toString(ttlMillis)))
          .map(ignored -> new Grant(token, clientUseCode));
    });
  }
}
