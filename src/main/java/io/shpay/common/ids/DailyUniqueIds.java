package io.shpay.common.ids;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.db.SqlTime;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Ids that a bank requires to be unique per Asia/Seoul day (KFTC's bank_tran_id, NH's IsTuno), handed out by Redis
 * from blocks that MySQL has reserved (hi/lo).
 *
 * <p>Every id is one Redis round trip: {@code HINCRBY} on a sequence shared by every replica. The sequence never
 * restarts at midnight, so an id is unique across days too (an id drawn at 23:59:59.999 and sent at 00:00 cannot meet
 * the next day's). Before a process uses an id, the id's block of {@link #BLOCK} numbers is recorded in MySQL under a
 * unique key, once per block and process, with the sequence's epoch: a random token the sequence was started with.
 *
 * <p>Losing Redis (a flush, an eviction of the sequence's one key) can therefore skip ids but never repeat one: the
 * sequence starts again past the highest block MySQL has reserved, under a new epoch, and a block still being
 * reserved by the old epoch at that moment is refused to whichever epoch records it second (the unique key says
 * which got it first), so no id is used by both.
 */
public final class DailyUniqueIds {

  /** Ids per MySQL reservation: one insert per 1,000 ids and process instead of one per id. */
  public static final long BLOCK = 1_000;
  private static final int MAX_ATTEMPTS = 8;
  private static final int PURGE_BATCH = 5000;
  /** Blocks this process knows it may use; the newest few are all it can still be handed ids of. */
  private static final int REMEMBERED_BLOCKS = 16;

  /** The next number of the sequence, and its epoch; nil while the sequence has not been started (or was lost). */
  private static final String NEXT = """
      local epoch = redis.call('HGET', KEYS[1], 'epoch')
      if not epoch then return false end
      return {redis.call('HINCRBY', KEYS[1], 'n', 1), epoch}""";
  /** Starts a lost sequence at ARGV[1] under epoch ARGV[2], unless another replica started it first. */
  private static final String START = """
      if redis.call('HEXISTS', KEYS[1], 'epoch') == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'epoch', ARGV[2], 'n', ARGV[1])
      return 1""";
  /** Moves the sequence of epoch ARGV[1] to at least ARGV[2] (past a block another epoch reserved first). */
  private static final String SKIP_TO = """
      if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return 0 end
      if tonumber(redis.call('HGET', KEYS[1], 'n')) < tonumber(ARGV[2]) then redis.call('HSET', KEYS[1], 'n', ARGV[2]) end
      return 1""";

  private static final String RESERVE =
      "INSERT INTO daily_id_blocks (kind, block, epoch, bank_day, reserved_at) VALUES (?, ?, ?, ?, ?)";
  private static final String RESERVED_BY = "SELECT epoch FROM daily_id_blocks WHERE kind = ? AND block = ?";
  private static final String HIGHEST = "SELECT MAX(block) AS highest FROM daily_id_blocks WHERE kind = ?";
  private static final String PURGE =
      "DELETE FROM daily_id_blocks WHERE kind = ? AND bank_day < ? AND block < ? LIMIT " + PURGE_BATCH;

  /** An id and the Seoul day it was issued on. */
  public record Issued(String id, LocalDate day) {

    public String dayText() {
      return BankTime.DATE.format(day);
    }
  }

  private record Number(long value, String epoch) {
    long block() {
      return value / BLOCK;
    }
  }

  private final RedisAPI redis;
  private final Pool pool;
  private final BankTime time;
  private final String kind;
  private final String sequenceKey;
  private final SecureRandom random = new SecureRandom();
  /** Block number to the epoch this process reserved (or saw reserved) it under. */
  private final Map<Long, String> usableBlocks = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
      return size() > REMEMBERED_BLOCKS;
    }
  };

  /**
   * @param kind which ids (a constant of the caller, e.g. {@code bank_tran_id}): each kind has its own sequence
   * @param redisKeyPrefix the Redis key prefix of that kind
   */
  public DailyUniqueIds(RedisAPI redis, Pool pool, BankTime time, String redisKeyPrefix, String kind) {
    this.redis = redis;
    this.pool = pool;
    this.time = time;
    this.kind = kind;
    this.sequenceKey = redisKeyPrefix + "sequence";
  }

  /** A new id of the current Seoul day: {@code format} turns the sequence's next number into the bank's text. */
  public Future<Issued> issue(LongFunction<String> format) {
    return attempt(format, MAX_ATTEMPTS);
  }

  /**
   * Deletes the reservations of days before yesterday (Seoul), a batch at a time, except the highest: that one is
   * where a lost sequence starts again from. Answers how many rows went.
   */
  public Future<Long> purgeOldDays() {
    return highestReserved().compose(highest -> purgeFrom(time.today().minusDays(1), highest, 0));
  }

  private Future<Long> purgeFrom(LocalDate keepFrom, long highest, long purged) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(kind, keepFrom, highest))
        .compose(deleted -> deleted.rowCount() < PURGE_BATCH
            ? Future.succeededFuture(purged + deleted.rowCount())
            : purgeFrom(keepFrom, highest, purged + deleted.rowCount()));
  }

  private Future<Issued> attempt(LongFunction<String> format, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Future.failedFuture(new IllegalStateException("No usable " + kind + " after " + MAX_ATTEMPTS + " draws"));
    }
    LocalDate day = time.today();
    return next().compose(number -> number == null
        ? startSequence().compose(started -> attempt(format, attemptsLeft - 1))
        : usable(number).compose(usable -> usable
            ? Future.succeededFuture(new Issued(format.apply(number.value()), day))
            : skipPast(number).compose(skipped -> attempt(format, attemptsLeft - 1))));
  }

  private Future<Number> next() {
    return redis.eval(List.of(NEXT, "1", sequenceKey)).map(reply -> reply == null || reply.size() < 2
        ? null : new Number(reply.get(0).toLong(), reply.get(1).toString()));
  }

  /** The sequence is gone: start it past every block MySQL has reserved, under a new epoch. */
  private Future<Response> startSequence() {
    String epoch = Long.toHexString(random.nextLong());
    return highestReserved().compose(highest -> redis.eval(List.of(START, "1", sequenceKey,
        Long.toString((highest + 1) * BLOCK), epoch)));
  }

  private Future<Long> highestReserved() {
    return pool.preparedQuery(HIGHEST).execute(Tuple.of(kind)).map(rows -> {
      Long highest = rows.iterator().next().getLong("highest");
      return highest == null ? 0L : highest;
    });
  }

  /** Whether this number's block is reserved for the number's epoch: by this process now, or already. */
  private Future<Boolean> usable(Number number) {
    synchronized (usableBlocks) {
      if (number.epoch().equals(usableBlocks.get(number.block()))) {
        return Future.succeededFuture(true);
      }
    }
    return pool.preparedQuery(RESERVE)
        .execute(Tuple.of(kind, number.block(), number.epoch(), time.today(), SqlTime.utc(time.clock().instant())))
        .map(reserved -> true)
        .recover(failure -> SqlErrors.isDuplicateKey(failure)
            ? pool.preparedQuery(RESERVED_BY).execute(Tuple.of(kind, number.block())).map(rows -> {
              Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
              return row != null && number.epoch().equals(row.getString("epoch"));
            })
            : Future.failedFuture(failure))
        .onSuccess(usable -> {
          if (usable) {
            synchronized (usableBlocks) {
              usableBlocks.put(number.block(), number.epoch());
            }
          }
        });
  }

  /** Another epoch reserved this block first: this epoch's sequence moves past it. */
  private Future<Response> skipPast(Number number) {
    return redis.eval(List.of(SKIP_TO, "1", sequenceKey, number.epoch(),
        Long.toString((number.block() + 1) * BLOCK)));
  }
}
