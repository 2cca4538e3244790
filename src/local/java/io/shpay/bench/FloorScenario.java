package io.shpay.bench;

import io.shpay.common.db.SqlTime;
import io.shpay.common.time.BankTime;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * (e) The I/O floor: the Redis, MySQL, NH sandbox and Kafka operations one paid checkout needs, issued by a minimal
 * client with none of SH Pay's logic (no HTTP API, authentication, idempotency records, event bus, validation,
 * circuit breaker or outbox relay). Per operation, against the stack's own servers and its own NH sandbox, on tables
 * of the bench ({@code bench_floor_*}) shaped like SH Pay's:
 * <ol>
 *   <li>INSERT the checkout;</li>
 *   <li>Redis {@code SET NX PX} of the IsTuno;</li>
 *   <li>one transaction: INSERT the IsTuno under its unique key, SELECT the checkout FOR UPDATE, INSERT the payment,
 *       UPDATE the checkout;</li>
 *   <li>NH {@code DrawingTransfer} over HTTP, answer checked;</li>
 *   <li>one transaction: UPDATE the payment, UPDATE the checkout, INSERT the outbox event;</li>
 *   <li>Kafka produce ({@code acks=all}, idempotent) and UPDATE the outbox row as sent.</li>
 * </ol>
 * Run at saturation with {@code bench.workers} workers, like scenario (a)'s saturation phase, so the report can put
 * SH Pay's capacity as a fraction of this one. It runs in the bench JVM, not in the service's 512 MiB child.
 */
final class FloorScenario implements Scenario {

  static final String ID = "floor";
  private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
  private static final List<String> TABLES = List.of("""
      CREATE TABLE IF NOT EXISTS bench_floor_checkouts (
        id CHAR(36) NOT NULL, merchant_id CHAR(36) NOT NULL, order_id VARCHAR(64) NOT NULL, amount BIGINT NOT NULL,
        status VARCHAR(12) NOT NULL, created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id), UNIQUE KEY uk_bench_floor_order (merchant_id, order_id)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci""", """
      CREATE TABLE IF NOT EXISTS bench_floor_payments (
        id CHAR(36) NOT NULL, checkout_id CHAR(36) NOT NULL, amount BIGINT NOT NULL, rail_tran_id VARCHAR(20) NULL,
        status VARCHAR(10) NOT NULL, bank_code VARCHAR(32) NULL, created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL, PRIMARY KEY (id), KEY ix_bench_floor_checkout (checkout_id)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci""", """
      CREATE TABLE IF NOT EXISTS bench_floor_ids (
        bank_day DATE NOT NULL, is_tuno CHAR(20) NOT NULL, issued_at DATETIME(3) NOT NULL,
        PRIMARY KEY (bank_day, is_tuno)
      ) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin""", """
      CREATE TABLE IF NOT EXISTS bench_floor_outbox (
        id BIGINT NOT NULL AUTO_INCREMENT, event_id CHAR(36) NOT NULL, aggregate_id CHAR(36) NOT NULL,
        payload MEDIUMTEXT NOT NULL, occurred_at DATETIME(3) NOT NULL, sent_at DATETIME(3) NULL,
        PRIMARY KEY (id), UNIQUE KEY uk_bench_floor_event (event_id)
      ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci""");
  private static final String TOPIC = "shpay.bench-floor";

  private final SecureRandom random = new SecureRandom();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "(e) I/O floor: a payment's Redis, MySQL, sandbox and Kafka operations without SH Pay";
  }

  @Override
  public List<PhaseResult> run(BenchContext ctx) {
    for (String table : TABLES) {
      BenchContext.await(ctx.mysql().query(table).execute());
    }
    BankTime time = new BankTime(Clock.systemUTC());
    NhSandboxOptions nh = NhSandboxOptions.defaults();
    String iscd = ctx.options().option("bench.nhIscd").orElse(nh.iscd());
    String token = ctx.options().option("bench.nhAccessToken").orElse(nh.accessToken());
    Nh calls = new Nh(ctx, time, iscd, token);
    // The FinAcno the transfers draw on, issued the way SH Pay issues one.
    JsonObject opened = BenchContext.await(calls.call("OpenFinAccountDirect", "DrawingTransferA", new JsonObject()
        .put("DrtrRgyn", "Y").put("BrdtBrno", BenchContext.NH_BIRTH.replace("-", ""))
        .put("Bncd", BenchContext.NH_BANK).put("Acno", BenchContext.NH_ACCOUNT)));
    JsonObject checked = BenchContext.await(calls.call("CheckOpenFinAccountDirect", "DrawingTransferA", new JsonObject()
        .put("Rgno", opened.getString("Rgno")).put("BrdtBrno", BenchContext.NH_BIRTH.replace("-", ""))));
    String finAcno = checked.getString("FinAcno");

    KafkaProducer<String, String> producer = KafkaProducer.create(ctx.vertx(), Map.of(
        "bootstrap.servers", ctx.target().kafkaBootstrap(),
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "enable.idempotence", "true", "acks", "all", "max.in.flight.requests.per.connection", "5",
        "linger.ms", "5"));
    ctx.closeLater(() -> BenchContext.await(producer.close()));
    String merchant = UUID.randomUUID().toString();
    long amount = ctx.options().amount();

    Operation payment = index -> {
      String checkoutId = UUID.randomUUID().toString();
      String paymentId = UUID.randomUUID().toString();
      String isTuno = digits(20);
      var now = SqlTime.utc(time.clock().instant());
      var sql = ctx.mysql();
      return sql.preparedQuery("INSERT INTO bench_floor_checkouts (id, merchant_id, order_id, amount, status, created_at,"
              + " updated_at) VALUES (?, ?, ?, ?, 'OPEN', ?, ?)")
          .execute(Tuple.of(checkoutId, merchant, "floor-" + checkoutId, amount, now, now))
          .compose(inserted -> ctx.redis().set(List.of("shpay:bench-floor:" + BankTime.DATE.format(time.today()) + ":"
              + isTuno, "1", "PX", Long.toString(time.untilMidnight().toMillis()), "NX")))
          .compose(claimed -> sql.withTransaction(conn -> conn
              .preparedQuery("INSERT INTO bench_floor_ids (bank_day, is_tuno, issued_at) VALUES (?, ?, ?)")
              .execute(Tuple.of(time.today(), isTuno, now))
              .compose(id -> conn.preparedQuery("SELECT id, amount, status FROM bench_floor_checkouts WHERE id = ? FOR UPDATE")
                  .execute(Tuple.of(checkoutId)))
              .compose(locked -> conn.preparedQuery("INSERT INTO bench_floor_payments (id, checkout_id, amount, "
                      + "rail_tran_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'REQUESTED', ?, ?)")
                  .execute(Tuple.of(paymentId, checkoutId, amount, isTuno, now, now)))
              .compose(recorded -> conn.preparedQuery("UPDATE bench_floor_checkouts SET status = 'PROCESSING', "
                  + "updated_at = ? WHERE id = ?").execute(Tuple.of(now, checkoutId)))))
          .compose(recorded -> calls.callWith(isTuno, "DrawingTransfer", "DrawingTransferA", new JsonObject()
              .put("FinAcno", finAcno).put("Tram", Long.toString(amount)).put("DractOtlt", "SH Pay")
              .put("MractOtlt", "SH Pay")))
          .compose(charged -> {
            String eventId = UUID.randomUUID().toString();
            String event = new JsonObject().put("type", "shpay.payment.approved").put("paymentId", paymentId)
                .put("amount", amount).encode();
            var settledAt = SqlTime.utc(time.clock().instant());
            return sql.withTransaction(conn -> conn
                    .preparedQuery("UPDATE bench_floor_payments SET status = 'APPROVED', bank_code = ?, updated_at = ? "
                        + "WHERE id = ?").execute(Tuple.of("00000", settledAt, paymentId))
                    .compose(u -> conn.preparedQuery("UPDATE bench_floor_checkouts SET status = 'PAID', updated_at = ? "
                        + "WHERE id = ?").execute(Tuple.of(settledAt, checkoutId)))
                    .compose(u -> conn.preparedQuery("INSERT INTO bench_floor_outbox (event_id, aggregate_id, payload, "
                        + "occurred_at) VALUES (?, ?, ?, ?)").execute(Tuple.of(eventId, paymentId, event, settledAt))))
                .compose(committed -> producer.send(KafkaProducerRecord.create(TOPIC, paymentId, event)))
                .compose(acked -> sql.preparedQuery("UPDATE bench_floor_outbox SET sent_at = ? WHERE event_id = ?")
                    .execute(Tuple.of(SqlTime.utc(time.clock().instant()), eventId)));
          });
    };
    BenchOptions options = ctx.options();
    ctx.load().runBlocking(ID, Phase.closedLoop("warm-up", options.workers(), options.warmup()), payment);
    return List.of(ctx.load().runBlocking(ID, Phase.closedLoop("saturation", options.workers(), options.saturation()),
        payment));
  }

  private String digits(int n) {
    StringBuilder digits = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    return digits.toString();
  }

  /** NH calls as SH Pay's NhClient makes them (the same Header), with no retry, breaker or bookkeeping. */
  private final class Nh {
    private final BenchContext ctx;
    private final BankTime time;
    private final String iscd;
    private final String token;

    Nh(BenchContext ctx, BankTime time, String iscd, String token) {
      this.ctx = ctx;
      this.time = time;
      this.iscd = iscd;
      this.token = token;
    }

    Future<JsonObject> call(String apiNm, String svc, JsonObject body) {
      return callWith(digits(20), apiNm, svc, body);
    }

    Future<JsonObject> callWith(String isTuno, String apiNm, String svc, JsonObject body) {
      ZonedDateTime now = time.now();
      JsonObject request = body.copy().put("Header", new JsonObject().put("ApiNm", apiNm)
          .put("Tsymd", BankTime.DATE.format(now)).put("Trtm", HHMMSS.format(now)).put("Iscd", iscd)
          .put("FintechApsno", "001").put("ApiSvcCd", svc).put("IsTuno", isTuno).put("AccessToken", token));
      return ctx.plain().postAbs(ctx.target().nhBaseUrl() + "/" + apiNm + ".nh")
          .putHeader("Content-Type", "application/json; charset=UTF-8").timeout(10_000)
          .sendJsonObject(request)
          .map(response -> {
            JsonObject answer = response.bodyAsJsonObject();
            String rpcd = answer == null || answer.getJsonObject("Header") == null ? "?"
                : answer.getJsonObject("Header").getString("Rpcd", "?");
            if (!"00000".equals(rpcd)) {
              throw new IllegalStateException("NH " + apiNm + " answered " + rpcd + " "
                  + (answer == null ? "" : answer.getJsonObject("Header").getString("Rsms", "")));
            }
            return answer;
          });
    }
  }
}
