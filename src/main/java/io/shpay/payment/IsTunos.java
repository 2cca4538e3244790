package io.shpay.payment;

import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.security.SecureRandom;

/** NH IsTunos: 20 random digits (leading zeros kept: it is a string), unique per Asia/Seoul day. */
final class IsTunos {

  private final DailyUniqueIds ids;
  private final SecureRandom random = new SecureRandom();

  IsTunos(RedisAPI redis, Pool pool, BankTime time) {
    this.ids = new DailyUniqueIds(redis, pool, time, "shpay:nh-is-tuno:", "nh_is_tunos", "is_tuno");
  }

  Future<DailyUniqueIds.Issued> issue() {
    return ids.issue(() -> {
      StringBuilder digits = new StringBuilder(20);
      for (int i = 0; i < 20; i++) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      return digits.toString();
    });
  }
}
