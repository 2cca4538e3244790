package io.shpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Instant;

class CheckoutTermsUnitTest {

  @Test
  void aRememberedCheckoutsTermsAreKnownAndItsStatusIsNot() {
    CheckoutTerms terms = new CheckoutTerms(10);

    terms.remember(checkout("c1", CheckoutStatus.PAID));

    assertThat(terms.of("c1")).contains(new CheckoutTerms.Terms("c1", "m1", "order-c1", 1_500));
    assertThat(terms.of("c2")).isEmpty();
  }

  @Test
  void theOldestAreForgottenFirstAndACheckoutRememberedTwiceCountsOnce() {
    CheckoutTerms terms = new CheckoutTerms(3);

    terms.remember(checkout("c1", CheckoutStatus.OPEN));
    terms.remember(checkout("c2", CheckoutStatus.OPEN));
    terms.remember(checkout("c2", CheckoutStatus.PROCESSING));
    terms.remember(checkout("c3", CheckoutStatus.OPEN));
    // Read often, as a frequency-based cache would favour: still the oldest.
    for (int i = 0; i < 10; i++) {
      terms.of("c1");
    }
    terms.remember(checkout("c4", CheckoutStatus.OPEN));

    assertThat(terms.of("c1")).as("the oldest, forgotten").isEmpty();
    assertThat(terms.of("c2")).isPresent();
    assertThat(terms.of("c3")).isPresent();
    assertThat(terms.of("c4")).as("remembered once, the newest").isPresent();
  }

  private static CheckoutRecord checkout(String id, CheckoutStatus status) {
    return new CheckoutRecord(id, "m1", "order-" + id, 1_500, "Tea", status, Instant.EPOCH);
  }
}
