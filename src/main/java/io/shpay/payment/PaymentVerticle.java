package io.shpay.payment;

import io.cloudevents.CloudEvent;
import io.shpay.common.balance.BalanceCache;
import io.shpay.common.config.BusTimeouts;
import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.config.PaymentsConfig;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.db.ImplicitTransactions;
import io.shpay.common.ops.InFlightWork;
import io.shpay.common.redis.RedisClients;
import io.shpay.common.time.BankTime;
import io.shpay.notify.SlackAlerts;
import io.micrometer.core.instrument.MeterRegistry;
import io.shpay.openbanking.OpenBankingService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Serves {@link PaymentService}, relays the outbox to Kafka every {@code payments.outboxPollInterval}
 * and reconciles unknown outcomes every {@link #RECONCILE_EVERY}. Runs as {@code payments.instances} instances, each
 * with its own pool, NH client and producer on its own event loop; the first one's relay is the process's
 * ({@link ProcessRelay}).
 */
public final class PaymentVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentVerticle.class);

  static final Duration RECONCILE_EVERY = Duration.ofSeconds(15);
  /** How often the IsTuno reservations of past days are deleted. */
  static final Duration PURGE_EVERY = Duration.ofHours(1);
  /** Connections to each bank host (NH, Slack) at most. */
  static final int NH_CONNECTIONS = 64;
  /** One per process, shared by every instance, so a revocation here drops the key for all of them. */
  private static final LiveKeys LIVE_KEYS = new LiveKeys();
  private static final CheckoutTerms CHECKOUT_TERMS = new CheckoutTerms();
  /** How long stopping waits for bank calls under way: inside Kubernetes' default 30 s termination grace. */
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final ShpayConfig config;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final ProcessRelay processRelay;
  private MessageConsumer<JsonObject> consumer;
  private Pool pool;
  private ImplicitTransactions transactions;
  private ImplicitTransactions relayTransactions;
  private WebClient web;
  private KafkaProducer<String, CloudEvent> producer;
  private long relayTimer = -1;
  private long reconcileTimer;
  private long purgeTimer;
  private final InFlightWork inFlight = new InFlightWork("payments");

  public PaymentVerticle(ShpayConfig config, MeterRegistry metrics, Clock clock) {
    this(config, metrics, clock, new ProcessRelay());
  }

  /** One of several instances in a process: {@code processRelay} is shared by all of them. */
  public PaymentVerticle(ShpayConfig config, MeterRegistry metrics, Clock clock, ProcessRelay processRelay) {
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
    this.processRelay = processRelay;
  }

  @Override
  public Future<?> start() {
    PaymentsConfig payments = config.payments().orElseThrow();
    pool = Database.instancePool(vertx, config.mysql(), payments.instances());
    transactions = Database.instanceTransactions(vertx, config.mysql(), payments.instances());
    var redis = RedisClients.api(vertx, config.redis());
    // Every pay holds an NH connection for the bank's answer: Vert.x's default of 5 per host would queue pays behind
    // each other at a few hundred per second, so the pool is sized for the load (keep-alive reuses them).
    web = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) payments.nhTimeout().toMillis())
        .setUserAgent("SH-Pay/1"), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(NH_CONNECTIONS));
    producer = KafkaProducer.create(vertx, outboxProducerConfig(config.kafka().bootstrapServers()));

    BankTime time = new BankTime(clock);
    NhClient nh = new NhClient(web, payments, time);
    IsTunos isTunos = new IsTunos(redis, pool, time);
    FinAccounts finAccounts = new FinAccounts(pool, nh, isTunos, new FinAccountVerification(pool, nh, isTunos, clock),
        clock);
    Checkouts checkouts = new Checkouts(pool, CHECKOUT_TERMS, clock);
    PaymentRecords records = new PaymentRecords(clock, payments.staleRequestedAfter());
    OpenBankingService openBanking = OpenBankingService.proxyWaitingUpTo(vertx, BusTimeouts.openBanking(config).toMillis());
    // One grace for both rails: a transfer the bank (NH) or open banking (KFTC) has no record of is final only this late.
    Rails rails = new Rails(vertx, new NhRail(nh, finAccounts, isTunos, clock, payments.nhNotFoundGrace()),
        new KftcRail(openBanking, clock, payments.nhNotFoundGrace()));
    // A pool connects at its first use: the process's relay does, another instance's only when asked to relay.
    relayTransactions = Database.relayTransactions(vertx, config.mysql());
    OutboxRelay relay = new OutboxRelay(relayTransactions, producer, payments.paymentEventsTopic(), clock);
    OutboxRelay shared = processRelay.claim(relay);
    // An event committed wakes the process's relay at once; the poll is the backstop (other replicas' events,
    // leftovers).
    Settlement settlement = new Settlement(transactions, records, new PaymentEvents(clock), payments, clock,
        shared::wake);

    // NH balances follow the freshness of KFTC ones: one cache, one contract for every balance a user sees.
    BalanceCache balances = new BalanceCache(redis,
        config.openBanking().map(OpenBankingConfig::balanceCacheTtl).orElse(Duration.ofDays(1)),
        config.openBanking().map(OpenBankingConfig::balanceFreshFor).orElse(Duration.ofMinutes(1)), clock);
    FinAccountReader finAccountReader = new FinAccountReader(finAccounts, nh, isTunos, balances);
    PaymentService service = new PaymentServiceImpl(pool, new Merchants(pool, clock, LIVE_KEYS), finAccounts, finAccountReader,
        checkouts, records,
        new PaymentDesk(pool, transactions, checkouts, records, finAccounts, openBanking, isTunos, rails, settlement,
            clock),
        new RefundDesk(pool, records, isTunos, rails, settlement, clock),
        new Reconciler(pool, records, rails, settlement,
            new GiveUpAlarm(new SlackAlerts(web, redis, config.notifications(), clock), metrics), clock),
        relay, new RepairDesk(pool, records, settlement, clock), inFlight);
    consumer = new ServiceBinder(vertx).setAddress(PaymentService.ADDRESS).registerLocal(PaymentService.class, service);
    if (shared == relay) {
      relayTimer = vertx.setPeriodic(payments.outboxPollInterval().toMillis(), tick -> relay.relay());
    }
    reconcileTimer = vertx.setPeriodic(RECONCILE_EVERY.toMillis(), tick -> service.reconcile());
    purgeTimer = vertx.setPeriodic(PURGE_EVERY.toMillis(), tick -> isTunos.purgeOldDays()
        .onFailure(failure -> LOG.warn("Purging IsTuno reservations of past days failed: {}", failure.getMessage())));
    return consumer.completion();
  }

  /** The outbox relay's producer: idempotent, every replica acknowledging, and quick to give up. */
  static Map<String, String> outboxProducerConfig(String bootstrapServers) {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "io.cloudevents.kafka.CloudEventSerializer",
        "enable.idempotence", "true",
        "acks", "all",
        "max.in.flight.requests.per.connection", "5",
        "linger.ms", "5",
        // Fail a round quickly when Kafka is away; the rows stay in the outbox for the next one.
        "max.block.ms", "3000",
        "request.timeout.ms", "3000",
        "delivery.timeout.ms", "8000");
  }

  /**
   * Stops taking work (timers, then the bus address) and waits for pays, refunds and lookups under
   * way to finish and write their outcome, at most {@link #STOP_GRACE}. The application calls it
   * before closing anything, so the bank client and the pools are still open meanwhile; anything
   * still running after that is settled later by the janitor.
   */
  public Future<Void> quiesce() {
    vertx.cancelTimer(relayTimer);
    vertx.cancelTimer(reconcileTimer);
    vertx.cancelTimer(purgeTimer);
    return consumer.unregister().eventually(() -> inFlight.drained(vertx, STOP_GRACE));
  }

  /** Quiesces (a no-op when already done), then closes the bank client and the pools. */
  @Override
  public Future<?> stop() {
    return quiesce()
        .eventually(() -> {
          web.close();
          return Future.join(producer.close(), pool.close(), transactions.close(), relayTransactions.close());
        });
  }
}
