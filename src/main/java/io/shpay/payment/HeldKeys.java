package io.shpay.payment;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.db.SqlTime;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * An {@link IdempotencyClaim}'s record in {@code idempotency_records} (the API's {@code IdempotencyStore} owns the
 * rest of that table's life: replays, retakes, releases), written inside the payment's transaction: claimed with the
 * payment row, and left so. Completing it with the settlement would repeat what the payment row already says (its
 * status), at the price of a statement per pay: a retry is answered from the payment instead
 * ({@link PaymentService#answeredPayment}), told 409 while it is REQUESTED.
 */
final class HeldKeys {

  private static final String CLAIM = """
      INSERT INTO idempotency_records (scope, idem_key, fingerprint, status, lease_until, created_at, expires_at)
      VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?, ?)""";
  private static final String HELD = "SELECT 1 FROM idempotency_records WHERE scope = ? AND idem_key = ?";

  private HeldKeys() {}

  /**
   * Claims the key in the caller's transaction. Another request that claimed it first (its transaction committed,
   * or commits while this waits on the key) makes this fail with {@link ClaimedFirst}: the caller rolls back and
   * answers from that request's record.
   */
  static Future<Void> claim(SqlClient client, IdempotencyClaim claim) {
    return client.preparedQuery(CLAIM).execute(Tuple.from(new Object[] {claim.scope(), claim.key(),
            Buffer.buffer(claim.fingerprint()), SqlTime.utc(claim.leaseUntil()), SqlTime.utc(claim.claimedAt()),
            SqlTime.utc(claim.expiresAt())}))
        .<Void>mapEmpty()
        .recover(failure -> Future.failedFuture(SqlErrors.isDuplicateKey(failure) ? new ClaimedFirst() : failure));
  }

  /** Whether the key has a record (in any state): an earlier request used it or holds it. */
  static Future<Boolean> held(SqlClient client, IdempotencyClaim claim) {
    return client.preparedQuery(HELD).execute(Tuple.of(claim.scope(), claim.key()))
        .map(rows -> rows.iterator().hasNext());
  }

  /** Another request holds the key's record: this one's transaction is rolled back. */
  static final class ClaimedFirst extends RuntimeException {
    ClaimedFirst() {
      super("another request claimed this Idempotency-Key first", null, false, false);
    }
  }
}
