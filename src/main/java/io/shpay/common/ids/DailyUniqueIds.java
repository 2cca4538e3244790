package io.shpay.common.ids;

import io.shpay.common.db.SqlTime;
import io.shpay.common.db.SqlErrors;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ids that a bank requires to be unique per Asia/Seoul day (KFTC's bank_tran_id, NH's IsTuno).
 *
 * <p>A candidate is first claimed in Redis with {@code SET NX} expiring at the next 00:00 KST
 * (cheap, shared by every replica), then recorded under a MySQL unique key. Redis answers "taken"
 * for almost every collision; MySQL is what makes a duplicate impossible even after Redis lost
 * its keys. Either refusal draws a new candidate.
 */
public final class DailyUniqueIds {

  private static final int MAX_ATTEMPTS = 8;
  private static final int PURGE_BATCH = 5000;

  /** An id and the Seoul day it belongs to. */
  public record Issued(String id, LocalDate day) {

    public String dayText() {
      return BankTime.DATE.format(day);
    }
  }

  private final RedisAPI redis;
  private final Pool pool;
  private final BankTime time;
  private final String redisKeyPrefix;
  private final String insertSql;
  private final String purgeSql;

  /**
   * @param table a table with columns {@code (bank_day DATE, <idColumn>, issued_at DATETIME(3))} and a
   *     unique key on {@code (bank_day, <idColumn>)}; a constant of the caller, never user input
   */
  public DailyUniqueIds(RedisAPI redis, Pool pool, BankTime time, String redisKeyPrefix, String table, String idColumn) {
    this.redis = redis;
    this.pool = pool;
    this.time = time;
    this.redisKeyPrefix = redisKeyPrefix;
    this.insertSql = "INSERT INTO " + table + " (bank_day, " + idColumn + ", issued_at) VALUES (?, ?, ?)";
    this.purgeSql = "DELETE FROM " + table + " WHERE bank_day < ? LIMIT " + PURGE_BATCH;
  }

  /**
   * Deletes the ids of days before yesterday (Seoul), a batch at a time until none is left: an id only has to be
   * unique within its day, so older rows are dead weight. Yesterday's stay, for a replica whose clock is a moment
   * behind at midnight. Answers how many rows went.
   */
  public Future<Long> purgeOldDays() {
    return purgeFrom(time.today().minusDays(1), 0);
  }

  private Future<Long> purgeFrom(LocalDate keepFrom, long purged) {
    return pool.preparedQuery(purgeSql).execute(Tuple.of(keepFrom)).compose(deleted -> deleted.rowCount() < PURGE_BATCH
        ? Future.succeededFuture(purged + deleted.rowCount())
        : purgeFrom(keepFrom, purged + deleted.rowCount()));
  }

  /** A new id of the current Seoul day, drawn from {@code candidates} until one is free. */
  public Future<Issued> issue(Supplier<String> candidates) {
    return attempt(candidates, MAX_ATTEMPTS);
  }

  private Future<Issued> attempt(Supplier<String> candidates, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Future.failedFuture(new IllegalStateException("No free id after " + MAX_ATTEMPTS + " draws"));
    }
    LocalDate day = time.today();
    String candidate = candidates.get();
    String ttlMillis = Long.toString(time.untilMidnight().toMillis());
    return redis.set(List.of(redisKeyPrefix + BankTime.DATE.format(day) + ":" + candidate, "1", "PX", ttlMillis, "NX"))
        .compose(claimed -> {
          if (claimed == null) {
            return attempt(candidates, attemptsLeft - 1);
          }
          LocalDateTime issuedAt = SqlTime.utc(time.clock().instant());
          return pool.preparedQuery(insertSql).execute(Tuple.of(day, candidate, issuedAt))
              .map(inserted -> new Issued(candidate, day))
              .recover(failure -> SqlErrors.isDuplicateKey(failure)
                  ? attempt(candidates, attemptsLeft - 1)
                  : Future.failedFuture(failure));
        });
  }
}
