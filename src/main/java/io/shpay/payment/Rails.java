package io.shpay.payment;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.function.Function;

/**
 * The bank rails by name, each behind its own circuit breaker. Only a missing answer counts as a
 * breaker failure (a bank saying "insufficient funds" is a healthy bank). While a breaker is open
 * new charges are refused with a 503 before anything is recorded or sent, instead of piling up
 * unknown outcomes against a bank that is down.
 */
final class Rails {

  private final Map<Rail, BankRail> rails;
  private final Map<Rail, CircuitBreaker> breakers;

  Rails(Vertx vertx, BankRail... rails) {
    this.rails = java.util.Arrays.stream(rails).collect(java.util.stream.Collectors.toMap(BankRail::rail, r -> r));
    this.breakers = java.util.Arrays.stream(rails).collect(java.util.stream.Collectors.toMap(BankRail::rail,
        rail -> CircuitBreaker.create("bank-" + rail.rail().name().toLowerCase(java.util.Locale.ROOT), vertx,
            new CircuitBreakerOptions().setMaxFailures(5).setTimeout(-1).setResetTimeout(30_000)
                .setFailuresRollingWindow(60_000))));
  }

  /**
   * The rail reference a new movement stores before its bank call: for KFTC the open-banking
   * transfer id, chosen here so that a lost answer can never leave the movement without one (NH
   * movements carry their IsTuno instead).
   */
  static String chosenTransferId(Rail rail) {
    return rail == Rail.KFTC ? java.util.UUID.randomUUID().toString() : null;
  }

  /** Fails with {@code bank_unavailable} while the rail's breaker is open. */
  Future<Void> ensureAvailable(Rail rail) {
    return breakers.get(rail).state() == CircuitBreakerState.OPEN
        ? Failures.fail(ErrorCode.BANK_UNAVAILABLE, "The bank is not answering at the moment; nothing was charged. Try again later.")
        : Future.succeededFuture();
  }

  Future<RailResult> charge(MoneyMovement payment) {
    return guarded(payment.rail(), rail -> rail.charge(payment));
  }

  Future<RailResult> refund(MoneyMovement refund) {
    return guarded(refund.rail(), rail -> rail.refund(refund));
  }

  Future<RailResult> lookup(MoneyMovement movement) {
    return rails.get(movement.rail()).lookup(movement);
  }

  private Future<RailResult> guarded(Rail name, Function<BankRail, Future<RailResult>> call) {
    BankRail rail = rails.get(name);
    // The breaker sees an unknown outcome as a failure; the caller still gets the result itself.
    return breakers.get(name).<RailResult>execute(() -> call.apply(rail).compose(result -> result.isUnknown()
            ? Future.failedFuture(new UnknownOutcome(result))
            : Future.succeededFuture(result)))
        .recover(failure -> failure instanceof UnknownOutcome unknown
            ? Future.succeededFuture(unknown.result)
            // The breaker opened after ensureAvailable: the call was never made, nothing moved.
            : failure instanceof io.vertx.circuitbreaker.OpenCircuitException
                ? Future.succeededFuture(RailResult.failed("NOT_SENT", "the bank was not asked: it is not answering", null))
                : Future.succeededFuture(RailResult.unknown(failure.getMessage(), null)));
  }

  private static final class UnknownOutcome extends RuntimeException {
    private final RailResult result;

    UnknownOutcome(RailResult result) {
      super(result.bankMessage(), null, false, false);
      this.result = result;
    }
  }
}
