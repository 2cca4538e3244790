package io.shpay.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shpay.notify.SlackAlerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Speaks up when reconciliation stops looking: a payment or refund still UNKNOWN after its last
 * look-up ({@code payments.reconcileGiveUpAfter}) is money in between that only a person can settle.
 * It counts {@code shpay_reconciliation_gave_up_total{kind}}, logs an error and posts to Slack once
 * per movement; an ADMIN then settles it through {@code POST /api/v1/admin/repairs} with the bank's
 * evidence.
 */
final class GiveUpAlarm {

  private static final Logger LOG = LoggerFactory.getLogger(GiveUpAlarm.class);
  static final String METRIC = "shpay.reconciliation.gave.up";

  private final SlackAlerts slack;
  private final Counter payments;
  private final Counter refunds;

  GiveUpAlarm(SlackAlerts slack, MeterRegistry registry) {
    this.slack = slack;
    this.payments = Counter.builder(METRIC).tag("kind", "payment")
        .description("Payments and refunds left UNKNOWN after the last look-up, awaiting an audited repair")
        .register(registry);
    this.refunds = Counter.builder(METRIC).tag("kind", "refund")
        .description("Payments and refunds left UNKNOWN after the last look-up, awaiting an audited repair")
        .register(registry);
  }

  void gaveUp(MoneyMovement movement) {
    String kind = movement.isRefund() ? "refund" : "payment";
    (movement.isRefund() ? refunds : payments).increment();
    LOG.error("Reconciliation gave up on {} {} (payment {}, rail {}): still UNKNOWN after the last look-up; "
        + "an admin must repair it with the bank's evidence", kind, movement.id(), movement.paymentId(), movement.rail());
    String text = ":rotating_light: " + (movement.isRefund() ? "Refund" : "Payment") + " still UNKNOWN after the last"
        + " look-up: " + NumberFormat.getIntegerInstance(Locale.KOREA).format(movement.amount()) + " KRW"
        + " · merchant " + movement.merchantId() + " · rail " + movement.rail() + " · " + kind + " " + movement.id()
        + (movement.isRefund() ? " · payment " + movement.paymentId() : "")
        + "\nAsk the bank, then settle it with POST /api/v1/admin/repairs.";
    slack.operatorAlert("gave-up:" + movement.id(), text)
        .onFailure(failure -> LOG.warn("Could not post the give-up alert for {} to Slack: {}", movement.id(),
            failure.toString()));
  }
}
