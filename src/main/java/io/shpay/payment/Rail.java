package io.shpay.payment;

/**
 * The bank rail a payment moves on: {@code NH} (an NH FinAccount, through NH Developers) or
 * {@code KFTC} (an account linked through open banking). The names are the wire values.
 */
public enum Rail {
  NH,
  KFTC
}
