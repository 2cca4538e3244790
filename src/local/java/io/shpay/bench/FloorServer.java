package io.shpay.bench;

import io.shpay.common.db.SqlTime;
import io.shpay.common.time.BankTime;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The true floor of scenario (e): the least a correct payment server must do for one paid checkout, as an HTTP server
 * the load generator drives exactly as it drives SH Pay (same two requests, same bodies, same NH sandbox, same MariaDB
 * and Kafka broker). What it keeps of SH Pay's guarantees, and how cheaply:
 * <ul>
 *   <li>{@code POST /checkouts}: the merchant from its API key (an in-memory map, as a bounded cache of an immutable
 *       lookup would be), one autocommit INSERT;</li>
 *   <li>{@code POST /checkouts/{id}/pay}: one autocommit {@code INSERT … SELECT} records the payment as REQUESTED
 *       before the bank is called, and its unique keys give at most one payment per checkout, one per
 *       Idempotency-Key and a bank transfer id unique for the bank day;</li>
 *   <li>the NH {@code DrawingTransfer} call with that transfer id;</li>
 *   <li>one autocommit UPDATE writes the outcome and its event together (the payment row is its own outbox entry, so
 *       no second table and no transaction are needed for "outcome and event or neither");</li>
 *   <li>one Kafka send that nothing waits for; acknowledged events are marked sent in batches, one UPDATE per batch.</li>
 * </ul>
 * So 3 statements and 3 commits per paid checkout plus a share of a batched UPDATE, where SH Pay does more for
 * authentication, idempotency replays, the checkout's own state, the event bus, Redis and its consumers. It skips
 * what a design may legitimately cache or leave out (JWT and session checks, JSON views, metrics, logs), which makes
 * it a lower bound, not a competitor: nothing correct can be cheaper per payment on the same servers.
 *
 * <p>Runs in a JVM of its own ({@link #main}) so its CPU is measured alone, or on a given Vert.x (the smoke test).
 */
public final class FloorServer {

  static final String READY = "floor server ready";
  static final String DATABASE = "shpay_floor";
  static final String API_KEY = "floor-merchant-key";
  static final String TOPIC = "shpay.bench-floor";
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
  private static final List<String> TABLES = List.of("""
      CREATE TABLE IF NOT EXISTS bench_true_floor_checkouts (
        id CHAR(36) NOT NULL, merchant_id CHAR(36) NOT NULL, order_id VARCHAR(64) NOT NULL, amount BIGINT NOT NULL,
        item_name VARCHAR(100) NOT NULL, created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id), UNIQUE KEY uk_bench_true_floor_order (merchant_id, order_id)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci""", """
      CREATE TABLE IF NOT EXISTS bench_true_floor_payments (
        id CHAR(36) NOT NULL, checkout_id CHAR(36) NOT NULL, idempotency_key VARCHAR(64) NOT NULL,
        bank_day DATE NOT NULL, rail_tran_id CHAR(20) NOT NULL, amount BIGINT NOT NULL, status VARCHAR(10) NOT NULL,
        bank_code VARCHAR(8) NULL, event MEDIUMTEXT NULL, sent_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id), UNIQUE KEY uk_bench_true_floor_checkout (checkout_id),
        UNIQUE KEY uk_bench_true_floor_idem (idempotency_key), UNIQUE KEY uk_bench_true_floor_tran (bank_day, rail_tran_id)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci""");
  private static final String INSERT_CHECKOUT = "INSERT INTO bench_true_floor_checkouts (id, merchant_id, order_id, amount,"
      + " item_name, created_at) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String CLAIM = "INSERT INTO bench_true_floor_payments (id, checkout_id, idempotency_key, bank_day,"
      + " rail_tran_id, amount, status, created_at, updated_at) SELECT ?, id, ?, ?, ?, amount, 'REQUESTED', ?, ?"
      + " FROM bench_true_floor_checkouts WHERE id = ?";
  private static final String SETTLE = "UPDATE bench_true_floor_payments SET status = 'APPROVED', bank_code = ?, event = ?,"
      + " updated_at = ? WHERE id = ? AND status = 'REQUESTED'";
  private static final int MARK_BATCH = 256;

  private FloorServer() {
  }

  /** A started floor server: where it listens, and how to stop it. */
  record Running(int port, java.util.function.Supplier<Future<Void>> stop) {}

  /** Arguments: HTTP port, MySQL URI, Kafka bootstrap servers, NH sandbox base URL, won per payment. */
  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    start(vertx, Integer.parseInt(args[0]), args[1], args[2], args[3], Long.parseLong(args[4])).toCompletionStage()
        .toCompletableFuture().get(120, TimeUnit.SECONDS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close(), "floor-stop"));
    System.out.println(READY);
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /** Creates its tables, opens the NH FinAccount it draws on, and listens on {@code port} (0: any): the port. */
  public static Future<Running> start(Vertx vertx, int port, String mysqlUri, String kafka, String nhUrl, long amount) {
    // Blocking, on the caller's thread: a send to a topic that does not exist yet would block an event loop instead.
    io.shpay.local.LocalTopics.create(kafka, List.of(TOPIC));
    Pool setup = pool(vertx, mysqlUri, 2);
    WebClient web = WebClient.create(vertx);
    Nh nh = new Nh(web, nhUrl, new BankTime(Clock.systemUTC()));
    Future<Void> tables = Future.succeededFuture();
    for (String table : TABLES) {
      tables = tables.compose(done -> setup.query(table).execute().mapEmpty());
    }
    String birth = BenchContext.NH_BIRTH.replace("-", "");
    Future<String> finAcno = tables
        .compose(done -> nh.call(nh.digits(), "OpenFinAccountDirect", "DrawingTransferA", new JsonObject()
            .put("DrtrRgyn", "Y").put("BrdtBrno", birth).put("Bncd", BenchContext.NH_BANK)
            .put("Acno", BenchContext.NH_ACCOUNT)))
        .compose(opened -> nh.call(nh.digits(), "CheckOpenFinAccountDirect", "DrawingTransferA", new JsonObject()
            .put("Rgno", opened.getString("Rgno")).put("BrdtBrno", birth)))
        .map(checked -> checked.getString("FinAcno"))
        .eventually(() -> setup.close().eventually(() -> {
          web.close();
          return Future.succeededFuture();
        }));
    KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", kafka, "enable.idempotence", "true", "acks", "all",
        "max.in.flight.requests.per.connection", "5", "linger.ms", "5",
        // The topic exists and its metadata is fetched once; a send never waits longer than this on the event loop.
        "max.block.ms", "1000"), new StringSerializer(), new StringSerializer());
    int instances = Runtime.getRuntime().availableProcessors();
    return finAcno.compose(account -> vertx.deployVerticle(() -> new FloorVerticle(mysqlUri, nhUrl, account, amount,
            producer, port), new DeploymentOptions().setInstances(instances)))
        .map(id -> new Running(FloorVerticle.PORT.get(), () -> vertx.undeploy(id).eventually(() -> {
          producer.close();
          return Future.succeededFuture();
        })))
        .onFailure(failure -> producer.close());
  }

  private static Pool pool(Vertx vertx, String mysqlUri, int size) {
    return MySQLBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(size).setMaxWaitQueueSize(-1))
        .connectingTo(MySQLConnectOptions.fromUri(mysqlUri).setCachePreparedStatements(true))
        .using(vertx).build();
  }

  /** One per event loop: its own pool, bank client and batch of sent events, so no request crosses loops. */
  private static final class FloorVerticle extends VerticleBase {
    static final java.util.concurrent.atomic.AtomicInteger PORT = new java.util.concurrent.atomic.AtomicInteger();
    private final String mysqlUri;
    private final String nhUrl;
    private final String finAcno;
    private final String amount;
    private final KafkaProducer<String, String> producer;
    private final int port;
    private final String merchant = UUID.randomUUID().toString();
    private final List<String> sent = new ArrayList<>();
    private Pool pool;
    private Nh nh;
    private Clock clock;
    private boolean flushScheduled;

    FloorVerticle(String mysqlUri, String nhUrl, String finAcno, long amount, KafkaProducer<String, String> producer,
        int port) {
      this.mysqlUri = mysqlUri;
      this.nhUrl = nhUrl;
      this.finAcno = finAcno;
      this.amount = Long.toString(amount);
      this.producer = producer;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      clock = Clock.systemUTC();
      pool = pool(vertx, mysqlUri, 8);
      nh = new Nh(WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
          new PoolOptions().setHttp1MaxSize(64)), nhUrl, new BankTime(clock));
      Router router = Router.router(vertx);
      router.post().handler(BodyHandler.create().setBodyLimit(4096));
      router.post("/api/v1/checkouts").handler(this::checkout);
      router.post("/api/v1/checkouts/:id/pay").handler(this::pay);
      return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true)).requestHandler(router).listen(port)
          .onSuccess(server -> PORT.set(server.actualPort()))
          .compose(server -> Future.succeededFuture());
    }

    @Override
    public Future<?> stop() {
      return pool.close();
    }

    private void checkout(RoutingContext rc) {
      if (!API_KEY.equals(rc.request().getHeader("X-Api-Key"))) {
        rc.response().setStatusCode(401).end();
        return;
      }
      JsonObject body = rc.body().asJsonObject();
      String id = UUID.randomUUID().toString();
      pool.preparedQuery(INSERT_CHECKOUT).execute(Tuple.of(id, merchant, body.getString("orderId"),
              body.getLong("amount"), body.getString("itemName"), SqlTime.utc(clock.instant())))
          .onSuccess(done -> rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("id", id).put("status", "OPEN").encode()))
          .onFailure(rc::fail);
    }

    private void pay(RoutingContext rc) {
      String key = rc.request().getHeader("Idempotency-Key");
      if (key == null || rc.request().getHeader("Authorization") == null) {
        rc.response().setStatusCode(400).end();
        return;
      }
      String checkout = rc.pathParam("id");
      String payment = UUID.randomUUID().toString();
      String tranId = nh.digits();
      var now = SqlTime.utc(clock.instant());
      pool.preparedQuery(CLAIM).execute(Tuple.of(payment, key, nh.time.today(), tranId, now, now, checkout))
          .compose(claimed -> {
            if (claimed.rowCount() != 1) {
              return Future.failedFuture(new IllegalStateException("no such checkout " + checkout));
            }
            return nh.call(tranId, "DrawingTransfer", "DrawingTransferA", new JsonObject().put("FinAcno", finAcno)
                .put("Tram", amount).put("DractOtlt", "SH Pay").put("MractOtlt", "SH Pay"));
          })
          .compose(answer -> {
            String event = new JsonObject().put("type", "payment.approved").put("paymentId", payment)
                .put("checkoutId", checkout).put("amount", amount).encode();
            return pool.preparedQuery(SETTLE).execute(Tuple.of("00000", event, SqlTime.utc(clock.instant()), payment))
                .map(event);
          })
          .onSuccess(event -> {
            Context context = vertx.getOrCreateContext();
            producer.send(new ProducerRecord<>(TOPIC, payment, event), (metadata, failure) -> {
              if (failure == null) {
                context.runOnContext(ignored -> markSent(payment));
              }
            });
            rc.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("id", payment)
                .put("checkoutId", checkout).put("status", "APPROVED").encode());
          })
          .onFailure(rc::fail);
    }

    /** Queues an acknowledged event; one UPDATE marks a batch sent a few milliseconds later. */
    private void markSent(String payment) {
      sent.add(payment);
      if (sent.size() >= MARK_BATCH) {
        flush();
      } else if (!flushScheduled) {
        flushScheduled = true;
        vertx.setTimer(10, id -> flush());
      }
    }

    private void flush() {
      flushScheduled = false;
      if (sent.isEmpty()) {
        return;
      }
      List<String> batch = new ArrayList<>(sent);
      sent.clear();
      StringBuilder sql = new StringBuilder("UPDATE bench_true_floor_payments SET sent_at = ? WHERE id IN (");
      Tuple args = Tuple.tuple().addValue(SqlTime.utc(clock.instant()));
      for (int i = 0; i < batch.size(); i++) {
        sql.append(i == 0 ? "?" : ", ?");
        args.addValue(batch.get(i));
      }
      pool.preparedQuery(sql.append(')').toString()).execute(args);
    }
  }

  /** NH calls with SH Pay's header, no retry, breaker or bookkeeping. */
  private static final class Nh {
    private final WebClient web;
    private final String baseUrl;
    final BankTime time;
    private final SecureRandom random = new SecureRandom();
    private final NhSandboxOptions options = NhSandboxOptions.defaults();

    Nh(WebClient web, String baseUrl, BankTime time) {
      this.web = web;
      this.baseUrl = baseUrl;
      this.time = time;
    }

    String digits() {
      char[] digits = new char[20];
      for (int i = 0; i < digits.length; i++) {
        digits[i] = (char) ('0' + random.nextInt(10));
      }
      return new String(digits);
    }

    Future<JsonObject> call(String isTuno, String apiNm, String svc, JsonObject body) {
      ZonedDateTime now = time.now();
      JsonObject request = body.copy().put("Header", new JsonObject().put("ApiNm", apiNm)
          .put("Tsymd", BankTime.DATE.format(now)).put("Trtm", HHMMSS.format(now)).put("Iscd", options.iscd())
          .put("FintechApsno", "001").put("ApiSvcCd", svc).put("IsTuno", isTuno).put("AccessToken", options.accessToken()));
      return web.postAbs(baseUrl + "/" + apiNm + ".nh").putHeader("Content-Type", "application/json; charset=UTF-8")
          .timeout(10_000).sendJsonObject(request)
          .map(response -> {
            JsonObject answer = response.bodyAsJsonObject();
            String rpcd = answer == null || answer.getJsonObject("Header") == null ? "?"
                : answer.getJsonObject("Header").getString("Rpcd", "?");
            if (!"00000".equals(rpcd)) {
              throw new IllegalStateException("NH " + apiNm + " answered " + rpcd);
            }
            return answer;
          });
    }
  }
}
