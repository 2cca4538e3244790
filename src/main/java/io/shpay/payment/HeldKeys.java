package io.shpay.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * What a pay reads of {@code idempotency_records} (the API's {@code IdempotencyStore} owns that table's life). A pay
 * writes no record: its payment row carries the key and the request's fingerprint, and a retry is answered from the
 * payment ({@link PaymentService#paymentOfKey}). A record of a pay's key is a client error stored as the key's
 * answer (the first request with the key failed before any payment was recorded), or a claim left by a pay from
 * before the payment held the fingerprint; either way it, not a new payment, answers the key.
 */
final class HeldKeys {

  /**
   * The condition that the pay's key ({@code scope}, {@code key} parameters, in that order) has no record, for a
   * statement of the pay's transaction.
   */
  static final String NO_RECORD =
      "NOT EXISTS (SELECT 1 FROM idempotency_records r WHERE r.scope = ? AND r.idem_key = ?)";
  /** Shared-locked in a transaction, as {@link #NO_RECORD} in a data-changing statement is. */
  private static final String HELD =
      "SELECT 1 FROM idempotency_records WHERE scope = ? AND idem_key = ? LOCK IN SHARE MODE";

  private HeldKeys() {}

  /** Whether the key has a record (in any state): an earlier request's answer, or its claim. */
  static Future<Boolean> held(SqlClient client, IdempotencyClaim claim) {
    return client.preparedQuery(HELD).execute(Tuple.of(claim.scope(), claim.key()))
        .map(rows -> rows.iterator().hasNext());
  }

  /** The key has a record: the pay records nothing, the caller answers from that record. */
  static final class Held extends RuntimeException {
    Held() {
      super("an earlier request with this Idempotency-Key left its record", null, false, false);
    }
  }
}
