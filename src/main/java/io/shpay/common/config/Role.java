package io.shpay.common.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a process runs; one image serves every Deployment by choosing its roles in configuration. */
public enum Role {
  /** The HTTP API: routing, authentication, problem responses, health and metrics. */
  API,
  /** Users, passwords and sessions behind the event-bus contracts in {@code io.shpay.user}. */
  USER,
  /** KFTC open banking: consent, linked accounts, balances, transactions, transfers. */
  OPENBANKING,
  /** Merchants, checkouts, payments and refunds over NH and KFTC, the outbox relay and reconciliation. */
  PAYMENT,
  /**
   * The consumers of the payment-events topic: the support history, live notifications, merchant
   * webhooks and Slack alerts. A process may run this role alone (the worker Deployment); its
   * replicas share the topic's partitions.
   */
  HISTORY,
  /** The chat assistant: a model client (or the offline assistant) with read-only tools over the event bus. */
  CHAT;

  static Optional<Role> parse(String text, ConfigReader reader, String key) {
    try {
      return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      reader.report(key, "has unknown role '" + text + "'; known roles: "
          + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
      return Optional.empty();
    }
  }
}
