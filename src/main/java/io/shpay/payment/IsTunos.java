package io.shpay.payment;

import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

/** NH IsTunos: 20 digits (leading zeros kept: it is a string), unique per Asia/Seoul day, from the shared sequence. */
final class IsTunos {

  private final DailyUniqueIds ids;

  IsTunos(RedisAPI redis, Pool pool, BankTime time) {
    this.ids = new DailyUniqueIds(redis, pool, time, "shpay:nh-is-tuno:", "nh_is_tuno");
  }

  Future<DailyUniqueIds.Issued> issue() {
    return ids.issue(IsTunos::twentyDigits);
  }

  /** {@code number} zero-padded to 20 digits; as {@code String.format("%020d")}, which cost 1 % of a pay's CPU (JFR). */
  static String twentyDigits(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("An IsTuno is never negative: " + number);
    }
    String digits = Long.toString(number);
    return "0".repeat(20 - digits.length()) + digits;
  }

  /** Deletes the id reservations of past days (see {@link DailyUniqueIds#purgeOldDays}). */
  Future<Long> purgeOldDays() {
    return ids.purgeOldDays();
  }
}
