package io.shpay.common.balance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way SH Pay answers a bank balance, whichever bank holds the account (KFTC-linked accounts, NH
 * FinAccounts): at once from the last answer kept in Redis, with when the bank gave it ({@code asOf}) and whether
 * that is older than the freshness window ({@code stale}). A stale answer starts one refresh behind it; a refresh
 * claim (SET NX, a few seconds) keeps concurrent readers, on any replica, from asking the bank together. Only an
 * account with nothing cached, or a reader asking {@code fresh}, waits for the bank.
 *
 * <p>Keys: {@code shpay:balance:<account id>} lives {@code ttl} (after that a balance is too old to show);
 * {@code shpay:balance-refreshing:<account id>} lives {@link #REFRESH_CLAIM} at most.
 */
public final class BalanceCache {

  private static final Logger LOG = LoggerFactory.getLogger(BalanceCache.class);
  private static final String KEY = "shpay:balance:";
  private static final String REFRESHING = "shpay:balance-refreshing:";
  private static final Duration REFRESH_CLAIM = Duration.ofSeconds(15);

  /**
   * What a bank said: the ledger balance and what may be paid out of it, in won; and, where the caller keeps it, the
   * user the account belonged to when the bank answered ({@code owner}, else null), so that a read of a cached answer
   * needs no ownership query (see {@link #freshFor}).
   */
  public record Balance(long balance, long available, Instant asOf, String owner) {

    public Balance(long balance, long available, Instant asOf) {
      this(balance, available, asOf, null);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("balance", balance).put("available", available).put("asOf", asOf.toString());
      return owner == null ? json : json.put("owner", owner);
    }

    static Balance fromJson(JsonObject json) {
      return new Balance(json.getLong("balance"), json.getLong("available"), Instant.parse(json.getString("asOf")),
          json.getString("owner"));
    }
  }

  private final RedisAPI redis;
  private final Duration ttl;
  private final Duration freshFor;
  private final Clock clock;

  public BalanceCache(RedisAPI redis, Duration ttl, Duration freshFor, Clock clock) {
    this.redis = redis;
    this.ttl = ttl;
    this.freshFor = freshFor;
    this.clock = clock;
  }

  /**
   * {@code {balance, available, currency, asOf, stale}} of the account: cached unless {@code fresh} or nothing is
   * cached; {@code bank} asks the bank (it is called at most once per call, and not at all for a fresh cache hit).
   */
  public Future<JsonObject> balance(String accountId, boolean fresh, Supplier<Future<Balance>> bank) {
    if (fresh) {
      return fetch(accountId, bank).map(this::view);
    }
    return cached(accountId).compose(cached -> {
      if (cached.isEmpty()) {
        return fetch(accountId, bank).map(this::view);
      }
      JsonObject answer = view(cached.get());
      if (answer.getBoolean("stale")) {
        refreshInBackground(accountId, bank);
      }
      return Future.succeededFuture(answer);
    });
  }

  /**
   * The balances of many accounts at once, in the order given: each as {@link #balance} answers it (cached at once;
   * asked of the bank only when nothing is cached), at most {@code parallel} at a time, so a user with many accounts
   * never sends a burst to the banks. An account whose bank failed is answered by {@code failed} instead; the
   * others are still answered.
   */
  public Future<List<JsonObject>> balances(List<String> accountIds, Function<String, Supplier<Future<Balance>>> bank,
      int parallel, java.util.function.BiFunction<String, Throwable, JsonObject> failed) {
    List<Future<JsonObject>> answers = new java.util.ArrayList<>(java.util.Collections.nCopies(accountIds.size(), null));
    List<Future<Void>> lanes = new java.util.ArrayList<>();
    for (int lane = 0; lane < Math.min(parallel, accountIds.size()); lane++) {
      Future<Void> chain = Future.succeededFuture();
      for (int i = lane; i < accountIds.size(); i += parallel) {
        int index = i;
        String id = accountIds.get(i);
        chain = chain.compose(previous -> {
          Future<JsonObject> answer = balance(id, false, bank.apply(id))
              .recover(failure -> Future.succeededFuture(failed.apply(id, failure)));
          answers.set(index, answer);
          return answer.mapEmpty();
        });
      }
      lanes.add(chain);
    }
    return Future.all(lanes).map(done -> answers.stream().map(Future::result).toList());
  }

  /** The last answer kept for the account, if any. */
  public Future<Optional<Balance>> cached(String accountId) {
    return redis.get(KEY + accountId)
        .map(value -> Optional.ofNullable(value).map(v -> Balance.fromJson(new JsonObject(v.toString()))));
  }

  /**
   * The last answer kept for the account, if it was kept for {@code owner} and is not stale: one Redis round trip and
   * no ownership query. Sound because an account id belongs to one user for good and every way it leaves the user's
   * list ({@link #forget}) drops its answer, on every replica at once.
   */
  public Future<Optional<JsonObject>> freshFor(String accountId, String owner) {
    return cached(accountId).map(found -> found
        .filter(balance -> owner.equals(balance.owner()) && !isStale(balance))
        .map(this::view));
  }

  /** Drops the kept answers of these accounts (they left their user's list). */
  public Future<Void> forget(List<String> accountIds) {
    return accountIds.isEmpty() ? Future.succeededFuture()
        : redis.del(accountIds.stream().map(id -> KEY + id).toList()).mapEmpty();
  }

  /** Asks the bank now and keeps its answer. */
  public Future<Balance> fetch(String accountId, Supplier<Future<Balance>> bank) {
    return bank.get().compose(balance -> redis.set(List.of(KEY + accountId, balance.toJson().encode(), "PX",
        Long.toString(ttl.toMillis()))).map(balance));
  }

  /** The public shape of a balance, {@code stale} judged now. */
  public JsonObject view(Balance balance) {
    boolean stale = isStale(balance);
    return new JsonObject()
        .put("balance", balance.balance())
        .put("available", balance.available())
        .put("currency", "KRW")
        .put("asOf", balance.asOf().toString())
        .put("stale", stale);
  }

  private boolean isStale(Balance balance) {
    return balance.asOf().plus(freshFor).isBefore(clock.instant());
  }

  /** The clock's now, for a bank answer's {@code asOf}. */
  public Instant now() {
    return clock.instant();
  }

  private void refreshInBackground(String accountId, Supplier<Future<Balance>> bank) {
    redis.set(List.of(REFRESHING + accountId, "1", "PX", Long.toString(REFRESH_CLAIM.toMillis()), "NX"))
        .compose(claimed -> claimed != null
            ? fetch(accountId, bank).eventually(() -> redis.del(List.of(REFRESHING + accountId))).mapEmpty()
            : Future.succeededFuture())
        .onFailure(failure -> LOG.info("Background balance refresh of account {} failed: {}", accountId,
            failure.getMessage()));
  }
}
