package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.json.Ids;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.openbanking.TransferRequest;
import io.shpay.openbanking.TransferView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Set;

/**
 * {@code /api/v1/transfers}: withdraw from and deposit to the caller's linked account. Each needs
 * an {@code Idempotency-Key}. Answers: 201 approved, 202 outcome still unknown (SH Pay settles it
 * with the bank, never by sending it again), or a problem naming the bank's refusal.
 */
final class TransferEndpoints {

  private static final Set<String> FIELDS = Set.of("accountId", "amount", "recipientName", "printContent");

  private final OpenBankingService openBanking;
  private final Authentication authentication;
  private final Idempotency idempotency;
  private final long maxAmount;

  TransferEndpoints(OpenBankingService openBanking, Authentication authentication, Idempotency idempotency,
      long maxAmount) {
    this.openBanking = openBanking;
    this.authentication = authentication;
    this.idempotency = idempotency;
    this.maxAmount = maxAmount;
  }

  void mount(Router router, BodyHandler bodies) {
    authentication.requireUser(router.post("/api/v1/transfers/withdraw").handler(bodies))
        .handler(ctx -> transfer(ctx, TransferRequest.Kind.WITHDRAW));
    authentication.requireUser(router.post("/api/v1/transfers/deposit").handler(bodies))
        .handler(ctx -> transfer(ctx, TransferRequest.Kind.DEPOSIT));
    authentication.requireUser(router.get("/api/v1/transfers/:transferId")).respond(ctx -> {
      String id = ctx.pathParam("transferId");
      if (!Ids.isValid(id)) {
        return Failures.fail(ErrorCode.NOT_FOUND, "No transfer with this id.");
      }
      return openBanking.transferOf(Caller.of(ctx).userId(), id).map(TransferView::toJson);
    });
  }

  private void transfer(RoutingContext ctx, TransferRequest.Kind kind) {
    Caller caller = Caller.of(ctx);
    TransferRequest request;
    try {
      request = read(ctx, kind, caller);
    } catch (RuntimeException invalid) {
      ctx.fail(invalid);
      return;
    }
    idempotency.run(ctx, "user:" + caller.userId(),
            key -> openBanking.transfer(request.withIdempotencyKey(key)).map(TransferEndpoints::answer))
        .onFailure(ctx::fail);
  }

  private TransferRequest read(RoutingContext ctx, TransferRequest.Kind kind, Caller caller) {
    var body = Requests.json(ctx, FIELDS);
    String accountId = body.requiredId("accountId");
    Long amount = body.requiredAmount("amount", maxAmount);
    String recipientName = body.optionalString("recipientName", 1, 20);
    String printContent = body.optionalString("printContent", 1, 10);
    body.validate();
    return TransferRequest.of(kind, caller.userId(), accountId, amount, recipientName, printContent);
  }

  private static ApiResponse answer(TransferView transfer) {
    return switch (transfer.status()) {
      case "APPROVED" -> ApiResponse.json(201, transfer.toJson());
      case "UNKNOWN" -> ApiResponse.json(202, transfer.toJson());
      default -> throw refusal(transfer.toJson());
    };
  }

  private static RuntimeException refusal(JsonObject transfer) {
    String bankCode = transfer.getString("bankRspCode");
    String detail = "Transfer " + transfer.getString("id") + " failed: " + transfer.getString("bankMessage", "refused")
        + (bankCode == null ? "" : " (" + bankCode + ")") + ".";
    return Failures.of("551".equals(bankCode) ? ErrorCode.INSUFFICIENT_FUNDS : ErrorCode.BANK_REJECTED, detail);
  }
}
