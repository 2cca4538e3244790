package io.shpay.history;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.ops.ProcessName;
import io.shpay.events.DeadLetters;
import io.shpay.events.PaymentEventConsumer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * The support history. Where the API runs it serves {@link HistoryService}; where the history role
 * runs it consumes the payment-events topic in group {@code <prefix>history} and writes one row per
 * event. Replicas of the history role share the topic's partitions.
 */
public final class HistoryVerticle extends VerticleBase {

  /** The consumer's name within {@code history.groupPrefix}. */
  public static final String CONSUMER = "history";

  private final ShpayConfig config;
  private final Clock clock;
  private final boolean serveQueries;
  private final boolean consume;
  private Pool pool;
  private MessageConsumer<JsonObject> service;
  private PaymentEventConsumer consumer;
  private DeadLetters deadLetters;

  public HistoryVerticle(ShpayConfig config, Clock clock, boolean serveQueries, boolean consume) {
    this.config = config;
    this.clock = clock;
    this.serveQueries = serveQueries;
    this.consume = consume;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config.mysql());
    HistoryEntries entries = new HistoryEntries(pool, clock, ProcessName.next());
    if (serveQueries) {
      service = new ServiceBinder(vertx).setAddress(HistoryService.ADDRESS)
          .registerLocal(HistoryService.class, new HistoryServiceImpl(entries, new SupportAudit(pool, clock)));
    }
    if (!consume) {
      return Future.succeededFuture();
    }
    deadLetters = DeadLetters.create(vertx, config.kafka().bootstrapServers(), config.history().deadLetterTopic(),
        clock);
    return PaymentEventConsumer.start(vertx, config.kafka().bootstrapServers(),
            config.history().groupId(CONSUMER), config.history(), entries::record, deadLetters)
        .onSuccess(started -> consumer = started);
  }

  @Override
  public Future<?> stop() {
    Future<Void> consuming = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consuming.eventually(() -> Future.join(
        deadLetters == null ? Future.succeededFuture() : deadLetters.close(),
        service == null ? Future.succeededFuture() : service.unregister(),
        pool.close()));
  }
}
