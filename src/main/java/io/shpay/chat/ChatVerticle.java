package io.shpay.chat;

import io.shpay.common.config.ChatConfig;
import io.shpay.common.config.ShpayConfig;
import io.shpay.common.db.Database;
import io.shpay.common.ratelimit.RateLimiter;
import io.shpay.common.redis.RedisClients;
import io.shpay.common.time.BankTime;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.payment.PaymentService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Serves {@link ChatService}: the model client when {@code chat.model.baseUrl} is set, the offline
 * assistant otherwise. Its tools reach the open banking and payment services over the event bus.
 */
public final class ChatVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ChatVerticle.class);

  private final ShpayConfig config;
  private final Clock clock;
  private MessageConsumer<JsonObject> consumer;
  private Pool pool;
  private HttpClient http;

  public ChatVerticle(ShpayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    ChatConfig chat = config.chat().orElseThrow();
    pool = Database.pool(vertx, config.mysql());
    var redis = RedisClients.api(vertx, config.redis());
    BankTime time = new BankTime(clock);
    Glossary glossary = Glossary.load();
    ToolRunner tools = new ToolRunner(OpenBankingService.proxy(vertx), PaymentService.proxy(vertx), glossary,
        new ToolAudit(pool, clock), time);

    ChatRateLimit limits = new ChatRateLimit(new RateLimiter(redis), chat);
    ChatServiceImpl.Assistant assistant;
    if (chat.offline()) {
      OfflineAssistant offline = new OfflineAssistant(new IntentParser(glossary), tools, time);
      assistant = offline::answer;
      LOG.info("Chat assistant runs offline (no chat.model.baseUrl): built-in intents and a glossary of {} terms",
          glossary.terms().size());
    } else {
      // Model answers take seconds: allow enough connections that one slow answer does not queue the others.
      http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) chat.modelTimeout().toMillis()),
          new PoolOptions().setHttp1MaxSize(64));
      ModelAssistant model = new ModelAssistant(new ModelClient(vertx, http, chat, clock), tools, chat, time, limits);
      assistant = model::answer;
      LOG.info("Chat assistant uses model {} at {}", chat.modelName(), chat.modelBaseUrl().orElseThrow());
    }
    ChatService service = new ChatServiceImpl(vertx, assistant, new ConversationMemory(redis, chat), limits);
    consumer = new ServiceBinder(vertx).setAddress(ChatService.ADDRESS).registerLocal(ChatService.class, service);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumer.unregister(), pool.close(), http == null ? Future.succeededFuture() : http.close());
  }
}
