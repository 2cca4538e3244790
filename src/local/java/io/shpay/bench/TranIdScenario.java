package io.shpay.bench;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.db.SqlTime;
import io.shpay.common.time.BankTime;
import io.shpay.openbanking.BankTranIdIssuer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * (d) bank_tran_id issuance, side by side against the same Redis and MySQL, each at saturation with
 * {@code bench.idWorkers} workers (SH Pay's pools hold 16 connections):
 * <ul>
 *   <li><b>Redis + MySQL (as shipped)</b>: {@link BankTranIdIssuer}, i.e. a Redis sequence ({@code HINCRBY}, one round
 *       trip per id) inside blocks MySQL reserves once per 1,000 ids, so a Redis flush skips ids but never repeats one;</li>
 *   <li><b>MySQL only</b>: {@code INSERT} into a table with the same unique key, a new candidate on 1062;</li>
 *   <li><b>Redis only</b>: the {@code SET NX} alone, what the original design relied on.</li>
 * </ul>
 * The report gives each one's throughput and latency and the ratios, which is how the original design's claim
 * ("Redis is faster") can be checked.
 */
final class TranIdScenario implements Scenario {

  static final String ID = "tran-id";
  private static final String PREFIX = "M202600001";
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String CREATE = """
      CREATE TABLE IF NOT EXISTS bench_tran_ids (
        bank_day     DATE        NOT NULL,
        bank_tran_id CHAR(20)    NOT NULL,
        issued_at    DATETIME(3) NOT NULL,
        PRIMARY KEY (bank_day, bank_tran_id)
      ) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin""";
  private static final String INSERT = "INSERT INTO bench_tran_ids (bank_day, bank_tran_id, issued_at) VALUES (?, ?, ?)";

  private final SecureRandom random = new SecureRandom();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "(d) bank_tran_id issuance: Redis + MySQL vs MySQL only vs Redis only";
  }

  @Override
  public List<PhaseResult> run(BenchContext ctx) {
    BenchOptions options = ctx.options();
    BankTime time = new BankTime(Clock.systemUTC());
    BenchContext.await(ctx.mysql().query(CREATE).execute());
    BankTranIdIssuer issuer = new BankTranIdIssuer(ctx.redis(), ctx.mysql(), time);
    Operation shipped = index -> issuer.issue(PREFIX);
    Operation mysqlOnly = index -> mysqlOnly(ctx, time, 8);
    Operation redisOnly = index -> ctx.redis().set(List.of("shpay:bench-tran-id:" + BankTime.DATE.format(time.today())
            + ":" + PREFIX + "U" + randomPart(), "1", "PX", Long.toString(time.untilMidnight().toMillis()), "NX"))
        .map(claimed -> {
          if (claimed == null) {
            throw new IllegalStateException("collision"); // 36^9 candidates: not expected in a run
          }
          return claimed;
        });

    // One warm-up for the three (same servers, same client code paths), then each measured in turn.
    ctx.warmUp(ID, Phase.closedLoop("warm-up", options.idWorkers(), options.warmup()),
        index -> Future.all(shipped.run(index), mysqlOnly.run(index), redisOnly.run(index)));
    List<PhaseResult> results = new ArrayList<>();
    results.add(ctx.measure(ID, Phase.closedLoop("Redis + MySQL (as shipped)", options.idWorkers(),
        options.saturation()), shipped));
    results.add(ctx.measure(ID, Phase.closedLoop("MySQL only", options.idWorkers(), options.saturation()),
        mysqlOnly));
    results.add(ctx.measure(ID, Phase.closedLoop("Redis only", options.idWorkers(), options.saturation()),
        redisOnly));
    double shippedRate = results.get(0).throughput();
    double mysqlRate = results.get(1).throughput();
    double redisRate = results.get(2).throughput();
    results.set(0, results.get(0).withExtra(new JsonObject()
        .put("vsMysqlOnly", ratio(shippedRate, mysqlRate)).put("vsRedisOnly", ratio(shippedRate, redisRate))));
    results.set(2, results.get(2).withExtra(new JsonObject().put("vsMysqlOnly", ratio(redisRate, mysqlRate))));
    return results;
  }

  private Future<Object> mysqlOnly(BenchContext ctx, BankTime time, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Future.failedFuture(new IllegalStateException("no free id after 8 draws"));
    }
    LocalDate day = time.today();
    return ctx.mysql().preparedQuery(INSERT)
        .execute(Tuple.of(day, PREFIX + "U" + randomPart(), SqlTime.utc(time.clock().instant())))
        .<Object>map(inserted -> inserted)
        .recover(failure -> SqlErrors.isDuplicateKey(failure) ? mysqlOnly(ctx, time, attemptsLeft - 1)
            : Future.failedFuture(failure));
  }

  private String randomPart() {
    char[] chars = new char[9];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(chars);
  }

  static double ratio(double a, double b) {
    return b <= 0 ? 0 : Math.round(a / b * 100) / 100.0;
  }
}
