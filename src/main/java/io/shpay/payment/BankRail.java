package io.shpay.payment;

import io.vertx.core.Future;

/**
 * One way of moving a user's money: NH FinAccounts or KFTC-linked accounts. Charges and refunds
 * are sent once; an UNKNOWN outcome is settled only through {@link #lookup}, which asks the bank
 * what happened and never sends anything again.
 */
interface BankRail {

  Rail rail();

  /** Takes the payment's amount from its source account. */
  Future<RailResult> charge(MoneyMovement payment);

  /** Pays the refund's amount back to the payment's source account. */
  Future<RailResult> refund(MoneyMovement refund);

  /** The bank's record of an earlier charge or refund. */
  Future<RailResult> lookup(MoneyMovement movement);
}
