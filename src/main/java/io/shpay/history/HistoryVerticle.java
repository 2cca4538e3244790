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
 * event, a polled batch's events of a partition in one statement on a pool of its own. Replicas of the history
 * role share the topic's partitions.
 */
public final class HistoryVerticle extends VerticleBase {

  /** The consumer's name within {@code history.groupPrefix}. */
  public static final String CONSUMER = "history";
  /**
   * Connections of the consumer's own pool: one batch in flight per partition it holds (three partitions today),
   * so its writes never queue behind the payment path's queries in the shared pool, nor those behind its writes.
   */
  static final int WRITERS = 4;

  private final ShpayConfig config;
  private final Clock clock;
  private final boolean serveQueries;
  private final boolean consume;
  private Pool pool;
  private Pool writers;
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
    String processName = ProcessName.next();
    HistoryEntries entries = new HistoryEntries(pool, clock, processName);
    if (serveQueries) {
      service = new ServiceBinder(vertx).setAddress(HistoryService.ADDRESS)
          .registerLocal(HistoryService.class, new HistoryServiceImpl(entries, new SupportAudit(pool, clock)));
    }
    if (!consume) {
      return Future.succeededFuture();
    }
    deadLetters = DeadLetters.create(vertx, config.kafka().bootstrapServers(), config.history().deadLetterTopic(),
        clock);
    writers = Database.ownPool(vertx, config.mysql(), WRITERS);
    HistoryEntries writes = new HistoryEntries(writers, clock, processName);
    // One multi-row INSERT per partition's events of a polled batch; one by one only after a batch failed.
    return PaymentEventConsumer.startBatched(vertx, config.kafka().bootstrapServers(),
            config.history().groupId(CONSUMER), config.history(), writes::recordAll, writes::record, deadLetters)
        .onSuccess(started -> consumer = started);
  }

  @Override
  public Future<?> stop() {
    Future<Void> consuming = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consuming.eventually(() -> Future.join(
        deadLetters == null ? Future.succeededFuture() : deadLetters.close(),
        service == null ? Future.succeededFuture() : service.unregister(),
        writers == null ? Future.succeededFuture() : writers.close(),
        pool.close()));
  }
}
