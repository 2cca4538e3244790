package io.shpay.openbanking;

import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Issues KFTC {@code bank_tran_id}s: the institution's {@code client_use_code} (10) + {@code U} +
 * 9 random uppercase letters and digits, unique per Asia/Seoul day (see {@link DailyUniqueIds}).
 */
public final class BankTranIdIssuer {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int RANDOM_PART = 9;

  private final DailyUniqueIds ids;
  private final Supplier<String> randomPart;

  public BankTranIdIssuer(RedisAPI redis, Pool pool, BankTime time) {
    this(redis, pool, time, secureRandomPart());
  }

  /** With a chosen source of the 9 random characters, so tests can force collisions. */
  BankTranIdIssuer(RedisAPI redis, Pool pool, BankTime time, Supplier<String> randomPart) {
    this.ids = new DailyUniqueIds(redis, pool, time, "shpay:bank-tran-id:", "bank_tran_ids", "bank_tran_id");
    this.randomPart = randomPart;
  }

  /** An id of the current Seoul day, for an institution whose {@code client_use_code} is {@code prefix}. */
  public Future<DailyUniqueIds.Issued> issue(String prefix) {
    if (prefix == null || prefix.length() != 10) {
      return Future.failedFuture(new IllegalArgumentException("client_use_code must be 10 characters"));
    }
    return ids.issue(() -> prefix + "U" + randomPart.get());
  }

  /** Deletes ids of past days (see {@link DailyUniqueIds#purgeOldDays}). */
  public Future<Long> purgeOldDays() {
    return ids.purgeOldDays();
  }

  private static Supplier<String> secureRandomPart() {
    SecureRandom random = new SecureRandom();
    return () -> {
      char[] chars = new char[RANDOM_PART];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      }
      return new String(chars);
    };
  }
}
