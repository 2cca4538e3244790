package io.shpay.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The janitor for open payments and refunds (UNKNOWN ones, and REQUESTED ones whose sender is
 * gone): when one is due it asks its rail what happened
 * (never sending anything again) and settles it, or schedules the next lookup. A movement is
 * claimed by pushing its next lookup forward, so several replicas never look up the same one at once.
 */
final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final int BATCH = 20;
  /** How long a claimed lookup may take before another replica may try it. */
  private static final Duration CLAIM = Duration.ofMinutes(2);

  private final Pool pool;
  private final PaymentRecords records;
  private final Rails rails;
  private final Settlement settlement;
  private final Clock clock;

  Reconciler(Pool pool, PaymentRecords records, Rails rails, Settlement settlement, Clock clock) {
    this.pool = pool;
    this.records = records;
    this.rails = rails;
    this.settlement = settlement;
    this.clock = clock;
  }

  /** Looks up every due movement; returns how many were settled. */
  Future<Integer> run() {
    return Future.all(due(false, id -> records.payment(pool, id)), due(true, id -> records.refund(pool, id)))
        .map(both -> both.<Integer>resultAt(0) + both.<Integer>resultAt(1));
  }

  private Future<Integer> due(boolean refunds, Function<String, Future<Optional<MoneyMovement>>> load) {
    return records.claimDue(pool, refunds, BATCH, clock.instant().plus(CLAIM)).compose(ids -> settle(ids, load));
  }

  private Future<Integer> settle(List<String> ids, Function<String, Future<Optional<MoneyMovement>>> load) {
    Future<Integer> settled = Future.succeededFuture(0);
    for (String id : ids) {
      settled = settled.compose(count -> load.apply(id)
          .compose(movement -> rails.lookup(movement.orElseThrow())
              .compose(result -> settlement.apply(movement.get(), result).map(result.isUnknown() ? 0 : 1)))
          .map(done -> count + done)
          .otherwise(failure -> {
            LOG.warn("Reconciliation of {} failed: {}", id, failure.getMessage());
            return count;
          }));
    }
    return settled;
  }
}
