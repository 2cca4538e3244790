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
    return ids.issue(number -> String.format("%020d", number));
  }

  /** Deletes the id reservations of past days (see {@link DailyUniqueIds#purgeOldDays}). */
  Future<Long> purgeOldDays() {
    return ids.purgeOldDays();
  }
}
