package io.shpay.notify;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.redis.RedisClients;
import io.shpay.events.DeadLetters;
import io.shpay.events.PaymentEventConsumer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The history role's people-facing consumers: {@code <prefix>notify} turns each payment event into a
 * live notification for its user, {@code <prefix>alerts} posts failures to Slack. Each has its own
 * consumer group, so a slow Slack never delays a user's screen.
 */
public final class NotifyVerticle extends VerticleBase {

  public static final String NOTIFY_CONSUMER = "notify";
  public static final String ALERTS_CONSUMER = "alerts";
  private static final Logger LOG = LoggerFactory.getLogger(NotifyVerticle.class);

  private final ShpayConfig config;
  private final Clock clock;
  private final List<PaymentEventConsumer> consumers = new ArrayList<>();
  private DeadLetters deadLetters;
  private WebClient web;

  public NotifyVerticle(ShpayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    var client = RedisClients.client(vertx, config.redis());
    var redis = io.vertx.redis.client.RedisAPI.api(client);
    UserNotifications notifications = new UserNotifications(client, config.notifications().replayWindow());
    web = WebClient.create(vertx, new WebClientOptions().setUserAgent("SH-Pay/1")
        .setConnectTimeout((int) config.notifications().webhookTimeout().toMillis()));
    SlackAlerts alerts = new SlackAlerts(web, redis, config.notifications(), clock);
    if (config.notifications().slackWebhookUrl().isEmpty()) {
      LOG.info("slack.webhookUrl is not set: Slack alerts are off");
    }
    deadLetters = DeadLetters.create(vertx, config.kafka().bootstrapServers(), config.history().deadLetterTopic(),
        clock);
    String bootstrap = config.kafka().bootstrapServers();
    return Future.all(
        // A partition's events of a polled batch go to Redis in one pipelined write; one by one after a failure.
        PaymentEventConsumer.startBatched(vertx, bootstrap, config.history().groupId(NOTIFY_CONSUMER),
            config.history(), events -> notifications.publishAll(events.stream().map(NotifyVerticle::notification)
                .toList()),
            event -> notifications.publishAll(List.of(notification(event))), deadLetters).onSuccess(consumers::add),
        PaymentEventConsumer.start(vertx, bootstrap, config.history().groupId(ALERTS_CONSUMER), config.history(),
            alerts::handle, deadLetters).onSuccess(consumers::add));
  }

  private static UserNotifications.Notification notification(io.shpay.events.PaymentEvent event) {
    return new UserNotifications.Notification(event.userId(), event.id(), OutcomeViews.eventName(event),
        OutcomeViews.of(event));
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> stopping = new ArrayList<>();
    consumers.forEach(consumer -> stopping.add(consumer.stop()));
    return Future.join(stopping).eventually(() -> {
      web.close();
      return deadLetters.close();
    });
  }
}
