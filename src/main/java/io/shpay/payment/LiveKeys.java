package io.shpay.payment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Optional;

/**
 * Merchant API keys found live lately, by key digest: a key never changes merchant, only revocation ends it, so a hit
 * spares the MySQL lookup on every merchant request. Revocation is honoured at once in this process (it drops the
 * merchant's entries) and within {@link #TTL} in any other replica, which only forgets the key when its entry expires.
 * Unknown and revoked keys are never remembered. Bounded to {@link #MAX_KEYS} entries.
 */
final class LiveKeys {

  /** How long another replica may still accept a key revoked elsewhere. */
  static final Duration TTL = Duration.ofSeconds(30);
  static final int MAX_KEYS = 10_000;

  private final Cache<String, String> merchantByDigest;

  LiveKeys() {
    this(Ticker.systemTicker());
  }

  LiveKeys(Ticker ticker) {
    this.merchantByDigest = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(TTL).ticker(ticker).build();
  }

  Optional<String> merchant(String digest) {
    return Optional.ofNullable(merchantByDigest.getIfPresent(digest));
  }

  void live(String digest, String merchantId) {
    merchantByDigest.put(digest, merchantId);
  }

  /** Forgets every key of the merchant (it has one live key, but a cache must not rely on that). */
  void revoked(String merchantId) {
    merchantByDigest.asMap().values().removeIf(merchantId::equals);
  }
}
