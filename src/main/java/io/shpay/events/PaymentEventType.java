package io.shpay.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every type of event on the payment-events topic: its wire value ({@code ce_type}) and what it
 * means. The producer writes these and every consumer (history, notifications, Slack, webhooks)
 * reads them; the list in {@code events/payment-event.v1.schema.json} names the same values.
 * Wire values are a public contract: add types, never rename one.
 */
public enum PaymentEventType {
  APPROVED("shpay.payment.approved", "The bank approved the charge: the payment's amount was taken."),
  FAILED("shpay.payment.failed", "The bank refused the charge: nothing was taken, and the checkout can be paid again."),
  UNKNOWN("shpay.payment.unknown",
      "The bank's answer to the charge was lost or not final; SH Pay asks the bank, and a later event settles it."),
  REFUNDED("shpay.payment.refunded", "The bank paid a refund back to the payer's account."),
  REFUND_FAILED("shpay.payment.refund_failed", "The bank refused a refund: nothing was paid back.");

  private static final Map<String, PaymentEventType> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toMap(PaymentEventType::wire, Function.identity()));

  private final String wire;
  private final String description;

  PaymentEventType(String wire, String description) {
    this.wire = wire;
    this.description = description;
  }

  /** The {@code ce_type} value, e.g. {@code shpay.payment.approved}. */
  public String wire() {
    return wire;
  }

  public String description() {
    return description;
  }

  /** Whether events of this type carry a {@code refund}. */
  public boolean isRefund() {
    return this == REFUNDED || this == REFUND_FAILED;
  }

  /** The name on users' notification streams, e.g. {@code payment.approved}. */
  public String notificationName() {
    return wire.substring("shpay.".length());
  }

  public static Optional<PaymentEventType> fromWire(String wire) {
    return Optional.ofNullable(BY_WIRE.get(wire));
  }
}
