package io.shpay.common.config;

import java.time.Duration;

/**
 * The {@code nh.*}, {@code payments.*} and {@code kafka.paymentEventsTopic} keys: how SH Pay
 * reaches the NH Developers API (the real one or the sandbox, the client cannot tell) and how
 * payments are limited, reconciled and published.
 *
 * @param nhBaseUrl NH API root; calls are {@code POST {nhBaseUrl}/{ApiNm}.nh}
 * @param nhIscd SH Pay's institution code at NH (6 digits)
 * @param nhAccessToken the 64-hex-character NH access token
 * @param maxAmount the largest single payment in won
 * @param reconcileFirstAfter how long an UNKNOWN payment waits before the first lookup
 * @param reconcileGiveUpAfter after this age an UNKNOWN payment stops being retried and is left for people
 * @param outboxPollInterval how often the outbox relay looks for unsent events
 * @param nhNotFoundGrace a transfer missing from NH's history is final only once it is this old
 * @param staleRequestedAfter a payment or refund still REQUESTED this long after it was recorded
 *     lost its caller (a stopped pod, a failed write) and is looked up like an UNKNOWN one
 * @param instances payment verticles in this process ({@code payments.instances}, 0 = one per core), each with its
 *     own MySQL pool, NH client, Kafka producer and outbox relay on its own event loop
 */
public record PaymentsConfig(
    String nhBaseUrl,
    String nhIscd,
    String nhFintechApsno,
    Secret nhAccessToken,
    Duration nhTimeout,
    long maxAmount,
    Duration reconcileFirstAfter,
    Duration reconcileGiveUpAfter,
    String paymentEventsTopic,
    Duration outboxPollInterval,
    Duration nhNotFoundGrace,
    Duration staleRequestedAfter,
    int instances) {

  static PaymentsConfig read(ConfigReader reader) {
    String iscd = reader.string("nh.iscd");
    if (!iscd.matches("\\d{6}")) {
      reader.report("nh.iscd", "must be 6 digits (SH Pay's institution code at NH)");
    }
    String token = reader.string("nh.accessToken");
    if (!token.matches("[0-9a-fA-F]{64}")) {
      reader.report("nh.accessToken", "must be 64 hexadecimal characters");
    }
    return new PaymentsConfig(
        reader.url("nh.baseUrl"),
        iscd,
        reader.string("nh.fintechApsno"),
        new Secret(token),
        reader.duration("nh.timeout", Duration.ofMillis(100), Duration.ofMinutes(2)),
        reader.integer("payments.maxAmount", 1, 2_000_000_000),
        reader.duration("payments.reconcileFirstAfter", Duration.ofSeconds(1), Duration.ofHours(1)),
        reader.duration("payments.reconcileGiveUpAfter", Duration.ofMinutes(1), Duration.ofDays(30)),
        reader.string("kafka.paymentEventsTopic"),
        reader.duration("payments.outboxPollInterval", Duration.ofMillis(10), Duration.ofMinutes(1)),
        reader.duration("payments.nhNotFoundGrace", Duration.ofSeconds(1), Duration.ofDays(1)),
        reader.duration("payments.staleRequestedAfter", Duration.ofSeconds(1), Duration.ofDays(1)),
        reader.instances("payments.instances"));
  }
}
