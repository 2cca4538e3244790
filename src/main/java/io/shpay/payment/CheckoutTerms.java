package io.shpay.payment;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;

/**
 * What a checkout asks for (its merchant, order and amount), by checkout id, for the checkouts this process created or
 * read lately. Those never change once written, so a pay that knows them moves the checkout from OPEN to PROCESSING
 * with one conditional {@code UPDATE} instead of reading it under a lock first; whether it is still payable is never
 * answered from here (its status lives only in MySQL). Shared by the process's payment instances: a checkout is
 * created through one and paid through any. Bounded; a checkout is usually paid within minutes of its creation.
 */
final class CheckoutTerms {

  static final int MAX_CHECKOUTS = 50_000;
  static final Duration KEPT_FOR = Duration.ofMinutes(30);

  /** A checkout's fixed terms. */
  record Terms(String checkoutId, String merchantId, String orderId, long amount) {
  }

  private final Cache<String, Terms> byCheckout = Caffeine.newBuilder().maximumSize(MAX_CHECKOUTS)
      .expireAfterWrite(KEPT_FOR).build();

  void remember(CheckoutRecord checkout) {
    byCheckout.put(checkout.id(), new Terms(checkout.id(), checkout.merchantId(), checkout.orderId(), checkout.amount()));
  }

  Optional<Terms> of(String checkoutId) {
    return Optional.ofNullable(byCheckout.getIfPresent(checkoutId));
  }
}
