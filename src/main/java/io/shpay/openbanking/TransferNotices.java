package io.shpay.openbanking;

import io.shpay.notify.UserNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;

/**
 * Tells the user's open screens how a transfer ended ({@code transfer.approved} or
 * {@code transfer.failed}). Transfers are not on the payment-events topic, so the notice goes out
 * when the row settles. It is a courtesy on top of the API's own answer: if Redis is away the
 * notice is dropped and logged, never the transfer.
 */
final class TransferNotices {

  private static final Logger LOG = LoggerFactory.getLogger(TransferNotices.class);
  private static final Set<String> FINAL = Set.of("APPROVED", "FAILED");

  private final UserNotifications notifications;

  TransferNotices(UserNotifications notifications) {
    this.notifications = notifications;
  }

  void settled(Transfers.Stored transfer) {
    String status = transfer.view().status();
    if (!FINAL.contains(status) || transfer.paymentLeg()) {
      return; // a payment leg is announced once, by the payment's own event
    }
    String event = "transfer." + status.toLowerCase(Locale.ROOT);
    notifications.publish(transfer.userId(), "transfer:" + transfer.view().id() + ":" + status, event,
            transfer.view().toJson())
        .onFailure(failure -> LOG.warn("Could not notify transfer {} ({})", transfer.view().id(), failure.toString()));
  }
}
