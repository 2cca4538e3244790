package io.shpay.openbanking;

import io.shpay.common.balance.BalanceCache;
import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.ops.InFlightWork;
import io.shpay.common.redis.RedisClients;
import io.shpay.notify.SlackAlerts;
import io.shpay.notify.UserNotifications;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Serves {@link OpenBankingService} on the event bus and, every {@link #SETTLE_EVERY}, asks KFTC
 * about transfers whose outcome is still unknown, then takes open moves a step further.
 */
public final class OpenBankingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OpenBankingVerticle.class);
  /** Connections to KFTC: every transfer, fresh balance and account read holds one for the bank's answer. */
  static final int KFTC_CONNECTIONS = 64;
  static final Duration SETTLE_EVERY = Duration.ofSeconds(30);
  /** Past days' bank_tran_ids are purged this often. */
  static final Duration PURGE_EVERY = Duration.ofHours(1);
  /** How long stopping waits for bank calls under way: inside Kubernetes' default 30 s termination grace. */
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final ShpayConfig config;
  private final Clock clock;
  private MessageConsumer<JsonObject> consumer;
  private Pool pool;
  private WebClient web;
  private long settleTimer;
  private long purgeTimer;
  private final InFlightWork inFlight = new InFlightWork("open banking");

  public OpenBankingVerticle(ShpayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    OpenBankingConfig openBanking = config.openBanking().orElseThrow();
    pool = Database.pool(vertx, config.mysql());
    var redis = RedisClients.api(vertx, config.redis());
    web = kftcWebClient(vertx, openBanking.timeout());
    BankTime time = new BankTime(clock);
    KftcClient kftc = new KftcClient(web, openBanking);
    TokenSeal seal = new TokenSeal(openBanking.tokenEncryptionKey());
    BankLinks links = new BankLinks(vertx, pool, kftc, seal, openBanking.tokenRefreshMargin(),
        openBanking.timeout().multipliedBy(3), clock);
    BalanceCache balances = new BalanceCache(redis, openBanking.balanceCacheTtl(), openBanking.balanceFreshFor(), clock);
    LinkedAccounts accounts = new LinkedAccounts(pool, clock, balances);
    OobToken oob = new OobToken(redis, kftc);
    BankTranIdIssuer tranIds = new BankTranIdIssuer(redis, pool, time);
    UserBankCalls userCalls = new UserBankCalls(kftc, links);

    UserNotifications userNotifications = new UserNotifications(redis, config.notifications().replayWindow());
    Transfers transfers = new Transfers(pool, clock, new TransferNotices(userNotifications),
        openBanking.staleRequestedAfter());
    TransferDesk transferDesk = new TransferDesk(accounts, transfers, userCalls, kftc, oob, tranIds, openBanking, time);
    MoveDesk moveDesk = new MoveDesk(new Moves(pool, clock), transfers, transferDesk, accounts,
        new MoveNotices(userNotifications), new SlackAlerts(web, redis, config.notifications(), clock), clock);
    OpenBankingService service = new OpenBankingServiceImpl(
        new ConsentFlow(openBanking, new ConsentStates(redis, openBanking.consentStateTtl()), kftc, links, accounts),
        accounts,
        new AccountReader(accounts, userCalls, oob, tranIds, balances, openBanking, time),
        transferDesk, moveDesk, new ConsentRevocation(pool, links, accounts, kftc, oob),
        new AccountSync(pool, accounts, userCalls, oob, tranIds, time), new MyMovements(pool, moveDesk, transfers),
        inFlight);
    consumer = new ServiceBinder(vertx).setAddress(OpenBankingService.ADDRESS)
        .registerLocal(OpenBankingService.class, service);
    // Moves go on after their legs settle, so the same tick settles transfers first.
    settleTimer = vertx.setPeriodic(SETTLE_EVERY.toMillis(), tick -> service.settleUnknownTransfers()
        .onSuccess(settled -> {
          if (settled > 0) {
            LOG.info("Settled {} transfers whose outcome was unknown", settled);
          }
        })
        .onFailure(failure -> LOG.warn("Settling unknown transfers failed: {}", failure.getMessage()))
        .transform(settled -> service.advanceMoves())
        .onFailure(failure -> LOG.warn("Advancing moves failed: {}", failure.getMessage())));
    purgeTimer = vertx.setPeriodic(PURGE_EVERY.toMillis(), tick -> tranIds.purgeOldDays()
        .onSuccess(purged -> LOG.debug("Purged {} bank_tran_id reservations of past days", purged))
        .onFailure(failure -> LOG.warn("Purging bank_tran_id reservations of past days failed: {}", failure.getMessage())));
    return consumer.completion();
  }

  /**
   * Stops taking work (the settle timer, then the bus address) and waits for transfers and
   * look-ups under way to finish and write their outcome, at most {@link #STOP_GRACE}. The
   * application calls it before closing anything, so the bank client and the pool are still open.
   */
  public Future<Void> quiesce() {
    vertx.cancelTimer(settleTimer);
    vertx.cancelTimer(purgeTimer);
    return consumer.unregister().eventually(() -> inFlight.drained(vertx, STOP_GRACE));
  }

  /** Quiesces (a no-op when already done), then closes the bank client and the pool. */
  @Override
  public Future<?> stop() {
    return quiesce()
        .eventually(() -> {
          web.close();
          return pool.close();
        });
  }

  /**
   * The KFTC client. Vert.x keeps 5 connections per host by default: under load the sixth bank call (a KFTC-rail pay,
   * a withdrawal, a fresh balance) would queue behind five others awaiting the bank, so the pool is sized for the load
   * as the NH client's is; keep-alive reuses the connections.
   */
  static WebClient kftcWebClient(Vertx vertx, Duration connectTimeout) {
    return WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) connectTimeout.toMillis())
        .setUserAgent("SH-Pay/1")
        .setFollowRedirects(false), new PoolOptions().setHttp1MaxSize(KFTC_CONNECTIONS));
  }
}
