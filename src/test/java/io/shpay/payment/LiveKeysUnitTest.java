package io.shpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The merchant key cache: remembered live keys, forgotten on revocation at once and by expiry within the TTL. */
class LiveKeysUnitTest {

  private final AtomicLong nanos = new AtomicLong();
  private final LiveKeys keys = new LiveKeys(nanos::get);

  @Test
  void aLiveKeyIsRememberedUntilItsEntryExpires() {
    keys.live("digest-a", "merchant-1");
    nanos.addAndGet(LiveKeys.TTL.minusSeconds(1).toNanos());
    assertThat(keys.merchant("digest-a")).contains("merchant-1");
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(keys.merchant("digest-a")).as("another replica's revocation is honoured within the TTL").isEmpty();
  }

  @Test
  void revokingAMerchantForgetsItsKeysAtOnceAndNoOtherMerchants() {
    keys.live("digest-a", "merchant-1");
    keys.live("digest-b", "merchant-2");
    keys.revoked("merchant-1");
    assertThat(keys.merchant("digest-a")).isEmpty();
    assertThat(keys.merchant("digest-b")).contains("merchant-2");
  }

  @Test
  void anUnknownKeyIsNotRemembered() {
    assertThat(keys.merchant("digest-never-seen")).isEmpty();
  }
}
