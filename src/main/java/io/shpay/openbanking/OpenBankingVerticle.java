package io.shpay.openbanking;

import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.redis.RedisClients;
import io.shpay.notify.UserNotifications;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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
  static final Duration SETTLE_EVERY = Duration.ofSeconds(30);

  private final ShpayConfig config;
  private final Clock clock;
  private MessageConsumer<JsonObject> consumer;
  private Pool pool;
  private WebClient web;
  private long settleTimer;

  public OpenBankingVerticle(ShpayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    OpenBankingConfig openBanking = config.openBanking().orElseThrow();
    pool = Database.pool(vertx, config.mysql());
    var redis = RedisClients.api(vertx, config.redis());
    web = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) openBanking.timeout().toMillis())
        .setUserAgent("SH-Pay/1")
        .setFollowRedirects(false));
    BankTime time = new BankTime(clock);
    KftcClient kftc = new KftcClient(web, openBanking);
    TokenSeal seal = new TokenSeal(openBanking.tokenEncryptionKey());
    BankLinks links = new BankLinks(pool, kftc, seal, openBanking.tokenRefreshMargin(), clock);
    LinkedAccounts accounts = new LinkedAccounts(pool, clock);
    OobToken oob = new OobToken(redis, kftc);
    BankTranIdIssuer tranIds = new BankTranIdIssuer(redis, pool, time);
    UserBankCalls userCalls = new UserBankCalls(kftc, links);

    UserNotifications userNotifications = new UserNotifications(redis, config.notifications().replayWindow());
    Transfers transfers = new Transfers(pool, clock, new TransferNotices(userNotifications));
    TransferDesk transferDesk = new TransferDesk(accounts, transfers, userCalls, kftc, oob, tranIds, openBanking, time);
    MoveDesk moveDesk = new MoveDesk(new Moves(pool, clock), transfers, transferDesk, accounts,
        new MoveNotices(userNotifications), clock);
    OpenBankingService service = new OpenBankingServiceImpl(
        new ConsentFlow(openBanking, new ConsentStates(redis, openBanking.consentStateTtl()), kftc, links, accounts),
        accounts,
        new AccountReader(accounts, userCalls, oob, tranIds, new BalanceCache(redis, openBanking.balanceCacheTtl()),
            openBanking, time),
        transferDesk, moveDesk);
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
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(settleTimer);
    web.close();
    return Future.join(consumer.unregister(), pool.close());
  }
}
