package io.shpay.payment;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Audited repairs: an ADMIN settles a payment or refund whose outcome is still UNKNOWN with what
 * the bank said about it (its transaction id and outcome), why, and as whom. The audit row and the
 * settlement (with its event, so history, notifications and webhooks learn the outcome) commit in
 * one transaction under the payment's row lock, so a repair and a late lookup cannot both settle it.
 */
final class RepairDesk {

  static final String REPAIRED = "REPAIRED";
  private static final String INSERT = """
      INSERT INTO settlement_repairs (id, movement_kind, movement_id, payment_id, previous_status, outcome,
        bank_transaction_id, bank_transaction_at, reason, repaired_by, repaired_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  private final Pool pool;
  private final PaymentRecords records;
  private final Settlement settlement;
  private final Clock clock;

  RepairDesk(Pool pool, PaymentRecords records, Settlement settlement, Clock clock) {
    this.pool = pool;
    this.records = records;
    this.settlement = settlement;
    this.clock = clock;
  }

  Future<RepairRecord> repair(String adminId, RepairRequest request) {
    boolean refund = request.kind() == RepairRequest.Kind.REFUND;
    String kind = request.kind().wire();
    String movementId = request.movementId();
    String reason = request.reason();
    return load(pool, refund, movementId).compose(found -> found
        .map(movement -> pool.withTransaction(connection -> records.lockPayment(connection, movement.paymentId())
            .compose(locked -> load(connection, refund, movementId).map(Optional::orElseThrow))
            .compose(now -> {
              if (now.status() != PaymentStatus.UNKNOWN) {
                return Failures.<String>fail(ErrorCode.NOT_REPAIRABLE, "This " + kind + " is " + now.status()
                    + "; only an UNKNOWN one can be repaired.");
              }
              String repairId = UUID.randomUUID().toString();
              RailResult evidence = request.outcome() == RepairRequest.Outcome.APPROVED
                  ? RailResult.approved(REPAIRED, "repaired by an admin: " + reason, null)
                  : RailResult.failed(REPAIRED, "repaired by an admin: " + reason, null);
              return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {repairId, kind, now.id(),
                      now.paymentId(), now.status().name(), request.outcome().name(), request.bankTransactionId(),
                      request.bankTransactionAt() == null ? null : SqlTime.utc(request.bankTransactionAt()), reason, adminId,
                      SqlTime.utc(clock.instant())}))
                  .compose(audited -> settlement.applyIn(connection, now, evidence))
                  .map(repairId);
            }))
            .compose(repairId -> view(repairId, refund, movement, request, adminId)))
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No " + kind + " with this id.")));
  }

  private Future<Optional<MoneyMovement>> load(io.vertx.sqlclient.SqlClient client, boolean refund, String id) {
    return refund ? records.refund(client, id) : records.payment(client, id);
  }

  private Future<RepairRecord> view(String repairId, boolean refund, MoneyMovement movement, RepairRequest request,
      String adminId) {
    String kind = request.kind().wire();
    PaymentStatus settled = request.outcome().status();
    return refund
        ? records.refundRecord(pool, movement.id()).map(after -> new RepairRecord(repairId, kind, movement.id(),
            movement.paymentId(), settled, request.bankTransactionId(), request.reason(), adminId, null, after))
        : records.paymentRecord(pool, movement.id()).map(after -> new RepairRecord(repairId, kind, movement.id(),
            movement.paymentId(), settled, request.bankTransactionId(), request.reason(), adminId, after, null));
  }
}
