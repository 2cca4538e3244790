package io.shpay.openbanking;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * Issues KFTC {@code bank_tran_id}s: the institution's {@code client_use_code} (10) + {@code U} +
 * 9 random uppercase letters and digits, unique per Asia/Seoul day.
 *
 * <p>A candidate is first claimed in Redis with {@code SET NX} expiring at the next 00:00 KST
 * (cheap, shared by every replica), then recorded under a MySQL unique key. Redis answers "taken"
 * for almost every collision; MySQL is what makes a duplicate impossible even after Redis lost
 * its keys. Either refusal draws a new candidate.
 */
public final class BankTranIdIssuer {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int RANDOM_PART = 9;
  private static final int MAX_ATTEMPTS = 8;
  private static final String KEY = "shpay:bank-tran-id:";
  private static final String INSERT = "INSERT INTO bank_tran_ids (bank_day, bank_tran_id, issued_at) VALUES (?, ?, ?)";

  private final RedisAPI redis;
  private final Pool pool;
  private final BankTime time;
  private final Supplier<String> randomPart;

  public BankTranIdIssuer(RedisAPI redis, Pool pool, BankTime time) {
    this(redis, pool, time, secureRandomPart());
  }

  /** With a chosen source of the 9 random characters, so tests can force collisions. */
  BankTranIdIssuer(RedisAPI redis, Pool pool, BankTime time, Supplier<String> randomPart) {
    this.redis = redis;
    this.pool = pool;
    this.time = time;
    this.randomPart = randomPart;
  }

  /** An id of the current Seoul day, for an institution whose {@code client_use_code} is {@code prefix}. */
  public Future<IssuedTranId> issue(String prefix) {
    if (prefix == null || prefix.length() != 10) {
      return Future.failedFuture(new IllegalArgumentException("client_use_code must be 10 characters"));
    }
    return attempt(prefix, MAX_ATTEMPTS);
  }

  /** A bank_tran_id and the Seoul day it belongs to (the pair KFTC's transfer/result asks for). */
  public record IssuedTranId(String id, LocalDate day) {

    public String dayText() {
      return BankTime.DATE.format(day);
    }
  }

  private Future<IssuedTranId> attempt(String prefix, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Future.failedFuture(new IllegalStateException("No free bank_tran_id after " + MAX_ATTEMPTS + " draws"));
    }
    LocalDate day = time.today();
    String candidate = prefix + "U" + randomPart.get();
    String ttlMillis = Long.toString(time.untilMidnight().toMillis());
    return redis.set(List.of(KEY + BankTime.DATE.format(day) + ":" + candidate, "1", "PX", ttlMillis, "NX"))
        .compose(claimed -> {
          if (claimed == null) {
            return attempt(prefix, attemptsLeft - 1);
          }
          LocalDateTime issuedAt = LocalDateTime.ofInstant(time.clock().instant(), ZoneOffset.UTC);
          return pool.preparedQuery(INSERT).execute(Tuple.of(day, candidate, issuedAt))
              .map(inserted -> new IssuedTranId(candidate, day))
              .recover(failure -> SqlErrors.isDuplicateKey(failure)
                  ? attempt(prefix, attemptsLeft - 1)
                  : Future.failedFuture(failure));
        });
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
