package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Partner platforms and their API keys. A key is shown once, at creation; only its SHA-256 digest
 * is stored (a random 256-bit key needs no slow hash), with a short hint so people can tell keys apart.
 */
final class Merchants {

  static final String KEY_PREFIX = "shpay_sk_";

  private static final String INSERT =
      "INSERT INTO merchants (id, name, api_key_hash, api_key_hint, created_at) VALUES (?, ?, ?, ?, ?)";
  private static final String BY_KEY = "SELECT id FROM merchants WHERE api_key_hash = ? AND revoked_at IS NULL";
  private static final String REVOKE = "UPDATE merchants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
  private static final String EXISTS = "SELECT id FROM merchants WHERE id = ?";

  private final SecureRandom random = new SecureRandom();
  private final Pool pool;
  private final Clock clock;
  private final LiveKeys liveKeys;

  Merchants(Pool pool, Clock clock, LiveKeys liveKeys) {
    this.pool = pool;
    this.clock = clock;
    this.liveKeys = liveKeys;
  }

  /** {@code {id, name, apiKey, apiKeyHint}}: the only time the key itself is returned. */
  Future<NewMerchant> create(String name) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String apiKey = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String hint = apiKey.substring(0, KEY_PREFIX.length() + 4) + "…";
    String id = UUID.randomUUID().toString();
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(id, name, Buffer.buffer(digest(apiKey)), hint, SqlTime.utc(clock.instant())))
        .map(inserted -> new NewMerchant(id, name, apiKey, hint));
  }

  /** The merchant id of a live key; {@code unauthenticated} for an unknown or revoked one. */
  Future<String> authenticate(String apiKey) {
    if (apiKey == null || !apiKey.startsWith(KEY_PREFIX) || apiKey.length() > 100) {
      return Failures.fail(ErrorCode.UNAUTHENTICATED, "A valid X-Api-Key is required.");
    }
    byte[] digest = digest(apiKey);
    String cacheKey = Base64.getEncoder().encodeToString(digest);
    Optional<String> known = liveKeys.merchant(cacheKey);
    if (known.isPresent()) {
      return Future.succeededFuture(known.get());
    }
    return pool.preparedQuery(BY_KEY).execute(Tuple.of(Buffer.buffer(digest))).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Failures.fail(ErrorCode.UNAUTHENTICATED, "A valid X-Api-Key is required.");
      }
      String merchantId = rows.iterator().next().getString("id");
      liveKeys.live(cacheKey, merchantId);
      return Future.succeededFuture(merchantId);
    });
  }

  Future<Void> revoke(String merchantId) {
    return pool.preparedQuery(EXISTS).execute(Tuple.of(merchantId)).compose(found -> !found.iterator().hasNext()
        ? Failures.fail(ErrorCode.NOT_FOUND, "No merchant with this id.")
        : pool.preparedQuery(REVOKE).execute(Tuple.of(SqlTime.utc(clock.instant()), merchantId))
            .onSuccess(revoked -> liveKeys.revoked(merchantId))
            .mapEmpty());
  }

  private static byte[] digest(String apiKey) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
