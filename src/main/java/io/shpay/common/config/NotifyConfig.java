package io.shpay.common.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code notifications.*}, {@code webhooks.*} and {@code slack.*} keys: how outcomes reach users'
 * screens, merchants' servers and operators.
 *
 * @param replayWindow how long a user's notifications stay available for {@code Last-Event-ID} replay
 * @param heartbeat how often an idle event stream gets a comment line, so proxies keep it open
 * @param streamsPerUser event streams one user may hold open at once, across replicas
 * @param maxStreams event streams one process serves at once
 * @param streamTicketTtl how long a single-use stream ticket (for browsers' EventSource) may wait to be used
 * @param streamSessionCheck how often an open stream checks that its session was not logged out or revoked
 * @param webhookSigningSecret master secret from which each merchant's webhook signing secret is derived;
 *     without it webhooks are off
 * @param webhookTimeout how long one delivery attempt may take
 * @param webhookFirstRetryAfter the wait after a first failed attempt; it doubles up to {@code webhookMaxRetryGap}
 * @param webhookGiveUpAfter a delivery still failing this long after the event is marked FAILED
 * @param webhookPollInterval how often the sender looks for due deliveries
 * @param allowInsecureWebhookUrls accept http:// and private addresses (local and test only)
 * @param slackWebhookUrl the Slack incoming-webhook URL; without it alerts are off
 * @param slackAlertsPerMinute alerts posted per minute at most; the rest are counted and summarised
 */
public record NotifyConfig(
    Duration replayWindow,
    Duration heartbeat,
    int streamsPerUser,
    int maxStreams,
    Duration streamTicketTtl,
    Duration streamSessionCheck,
    Optional<Secret> webhookSigningSecret,
    Duration webhookTimeout,
    Duration webhookFirstRetryAfter,
    Duration webhookMaxRetryGap,
    Duration webhookGiveUpAfter,
    Duration webhookPollInterval,
    boolean allowInsecureWebhookUrls,
    Optional<Secret> slackWebhookUrl,
    int slackAlertsPerMinute) {

  static NotifyConfig read(ConfigReader reader) {
    Optional<Secret> slackUrl = reader.optionalString("slack.webhookUrl").map(text -> {
      reader.secretUrl("slack.webhookUrl");
      return new Secret(text);
    });
    Optional<Secret> signingSecret = reader.optionalString("webhooks.signingSecret").map(text -> {
      if (text.length() < 32) {
        reader.report("webhooks.signingSecret", "must be at least 32 characters");
      }
      return new Secret(text);
    });
    return new NotifyConfig(
        reader.duration("notifications.replayWindow", Duration.ofSeconds(10), Duration.ofHours(24)),
        reader.duration("notifications.heartbeat", Duration.ofMillis(100), Duration.ofMinutes(5)),
        reader.integer("notifications.streamsPerUser", 1, 100),
        reader.integer("notifications.maxStreams", 1, 1_000_000),
        reader.duration("notifications.streamTicketTtl", Duration.ofSeconds(5), Duration.ofMinutes(5)),
        reader.duration("notifications.streamSessionCheck", Duration.ofMillis(100), Duration.ofMinutes(5)),
        signingSecret,
        reader.duration("webhooks.timeout", Duration.ofMillis(100), Duration.ofMinutes(1)),
        reader.duration("webhooks.firstRetryAfter", Duration.ofMillis(10), Duration.ofHours(1)),
        reader.duration("webhooks.maxRetryGap", Duration.ofMillis(10), Duration.ofDays(1)),
        reader.duration("webhooks.giveUpAfter", Duration.ofSeconds(1), Duration.ofDays(7)),
        reader.duration("webhooks.pollInterval", Duration.ofMillis(10), Duration.ofMinutes(1)),
        reader.bool("webhooks.allowInsecureUrls"),
        slackUrl,
        reader.integer("slack.alertsPerMinute", 1, 10_000));
  }
}
