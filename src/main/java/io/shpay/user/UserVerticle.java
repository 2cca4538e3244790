package io.shpay.user;

import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Serves {@link UserService} and {@link SessionService} on the event bus, local to this process. */
public final class UserVerticle extends VerticleBase {

  private final ShpayConfig config;
  private final Clock clock;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private Pool pool;

  public UserVerticle(ShpayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, config.mysql());
    var redis = RedisClients.api(vertx, config.redis());
    var hasher = new PasswordHasher(vertx);
    var users = new UserRepository(pool);
    var userService = new UserServiceImpl(users, hasher, clock);
    var sessionService = new SessionServiceImpl(pool, users, new RefreshTokenRepository(), hasher,
        new AccessTokens(vertx, config.auth()), new LoginRateLimiter(redis, config.auth()),
        new SessionRevocations(redis, config.auth().accessTokenTtl()), config.auth(), clock);

    ServiceBinder binder = new ServiceBinder(vertx);
    consumers.add(binder.setAddress(UserService.ADDRESS).registerLocal(UserService.class, userService));
    consumers.add(binder.setAddress(SessionService.ADDRESS).registerLocal(SessionService.class, sessionService));

    Future<Void> seeded = config.admin()
        .map(admin -> new AdminSeeder(userService, users).seed(admin))
        .orElse(Future.succeededFuture());
    return Future.join(hasher.warmUp(), seeded,
        Future.all(consumers.stream().map(MessageConsumer::completion).toList()));
  }

  @Override
  public Future<?> stop() {
    return Future.join(Future.join(consumers.stream().map(MessageConsumer::unregister).toList()), pool.close());
  }
}
