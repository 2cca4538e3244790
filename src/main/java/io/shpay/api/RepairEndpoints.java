package io.shpay.api;

import io.shpay.payment.PaymentService;
import io.shpay.payment.RepairRequest;
import io.shpay.user.UserRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code POST /api/v1/admin/repairs}: an ADMIN settles a payment or refund whose outcome is still
 * UNKNOWN (reconciliation gave up after its last look-up, and alerted) with the bank's evidence:
 * its transaction id, the outcome the bank recorded, when, and why. Who repaired it is the caller.
 * The repair is written to the audit table with the settlement; answers 201 with the repair and the
 * settled payment or refund, 409 {@code not_repairable} when it is not UNKNOWN.
 */
final class RepairEndpoints {

  private static final Set<String> FIELDS = Set.of("kind", "id", "outcome", "bankTransactionId", "bankTransactionAt",
      "reason");

  private final PaymentService payments;
  private final Authentication authentication;

  RepairEndpoints(PaymentService payments, Authentication authentication) {
    this.payments = payments;
    this.authentication = authentication;
  }

  void mount(ApiOperations operations) {
    operations.on("repairMovement").requireRole(UserRole.ADMIN).respond(this::repair);
  }


  private Future<JsonObject> repair(RoutingContext ctx) {
    var body = Requests.json(ctx, FIELDS);
    String kind = body.requiredString("kind", 1, 8);
    if (kind != null && !Set.of("payment", "refund").contains(kind)) {
      body.reject("kind", "must be payment or refund");
    }
    String id = body.requiredId("id");
    String outcome = body.requiredString("outcome", 1, 10);
    if (outcome != null && !Set.of("APPROVED", "FAILED").contains(outcome)) {
      body.reject("outcome", "must be APPROVED or FAILED, as the bank recorded it");
    }
    String bankTransactionId = body.requiredString("bankTransactionId", 1, 64);
    String bankTransactionAtText = body.optionalString("bankTransactionAt", 1, 40);
    Instant bankTransactionAt = null;
    if (bankTransactionAtText != null) {
      try {
        bankTransactionAt = OffsetDateTime.parse(bankTransactionAtText).toInstant();
      } catch (DateTimeParseException e) {
        body.reject("bankTransactionAt", "must be an ISO-8601 date-time with offset");
      }
    }
    String reason = body.requiredString("reason", 10, 500);
    body.validate();
    RepairRequest request = new RepairRequest(RepairRequest.Kind.ofWire(kind), id,
        RepairRequest.Outcome.valueOf(outcome), bankTransactionId, bankTransactionAt, reason);
    return payments.repair(Caller.of(ctx).userId(), request)
        .map(repair -> {
          ctx.response().setStatusCode(201);
          return PaymentJson.repair(repair);
        });
  }
}
