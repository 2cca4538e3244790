package io.shpay.payment;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a checkout asks for (its merchant, order and amount), by checkout id, for the checkouts this process created or
 * read most recently. Those never change once written, so a pay that knows them moves the checkout from OPEN to
 * PROCESSING with one conditional {@code UPDATE} instead of reading it under a lock first; whether it is still payable
 * is never answered from here (its status lives only in MySQL). Shared by the process's payment instances: a checkout
 * is created through one and paid through any.
 *
 * <p>Bounded to the {@code capacity} newest, the oldest forgotten first. Not a Caffeine cache on purpose: its
 * frequency-based admission would turn away a checkout remembered once (at its creation) in favour of older ones read
 * twice (created, then paid), and a checkout is paid once, some seconds or minutes after it was created. Nothing
 * expires by time: terms cannot go stale.
 */
final class CheckoutTerms {

  /** About 12 MB of terms: the last 50 s of checkouts at 1,000 a second, the last 80 minutes at 10. */
  static final int CAPACITY = 50_000;

  /** A checkout's fixed terms. */
  record Terms(String checkoutId, String merchantId, String orderId, long amount) {
  }

  private final int capacity;
  private final ConcurrentHashMap<String, Terms> byCheckout = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> oldestFirst = new ConcurrentLinkedQueue<>();

  CheckoutTerms() {
    this(CAPACITY);
  }

  CheckoutTerms(int capacity) {
    this.capacity = capacity;
  }

  void remember(CheckoutRecord checkout) {
    Terms terms = new Terms(checkout.id(), checkout.merchantId(), checkout.orderId(), checkout.amount());
    if (byCheckout.put(checkout.id(), terms) == null) {
      oldestFirst.add(checkout.id());
    }
    while (byCheckout.size() > capacity) {
      String oldest = oldestFirst.poll();
      if (oldest == null) {
        return;
      }
      byCheckout.remove(oldest);
    }
  }

  Optional<Terms> of(String checkoutId) {
    return Optional.ofNullable(byCheckout.get(checkoutId));
  }
}
