package io.shpay.openbanking;

import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

/**
 * Issues KFTC {@code bank_tran_id}s: the institution's {@code client_use_code} (10) + {@code U} + 9 uppercase letters
 * and digits, unique per Asia/Seoul day (see {@link DailyUniqueIds}): the 9 characters are the shared sequence's next
 * number in base 36.
 */
public final class BankTranIdIssuer {

  private static final int SEQUENCE_PART = 9;
  /** 36^9: the 9 characters wrap after 10^14 ids, which at 10^9 a day is centuries. */
  private static final long SEQUENCE_SPACE = 101_559_956_668_416L;

  private final DailyUniqueIds ids;

  public BankTranIdIssuer(RedisAPI redis, Pool pool, BankTime time) {
    this.ids = new DailyUniqueIds(redis, pool, time, "shpay:bank-tran-id:", "bank_tran_id");
  }

  /** An id of the current Seoul day, for an institution whose {@code client_use_code} is {@code prefix}. */
  public Future<DailyUniqueIds.Issued> issue(String prefix) {
    if (prefix == null || prefix.length() != 10) {
      return Future.failedFuture(new IllegalArgumentException("client_use_code must be 10 characters"));
    }
    return ids.issue(number -> prefix + "U" + sequencePart(number));
  }

  /** Deletes the id reservations of past days (see {@link DailyUniqueIds#purgeOldDays}). */
  public Future<Long> purgeOldDays() {
    return ids.purgeOldDays();
  }

  static String sequencePart(long number) {
    String digits = Long.toString(Math.floorMod(number, SEQUENCE_SPACE), 36).toUpperCase(java.util.Locale.ROOT);
    return "0".repeat(SEQUENCE_PART - digits.length()) + digits;
  }
}
