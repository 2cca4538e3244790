package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.openbanking.MoveRequest;
import io.shpay.openbanking.MoveView;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.openbanking.TransferRequest;
import io.shpay.openbanking.TransferView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.serviceproxy.ServiceException;

import java.util.Set;

/**
 * {@code /api/v1/transfers}: move money between two of the caller's own linked accounts
 * ({@code POST /api/v1/transfers}), withdraw from one to SH Pay, and follow either by id. There is
 * no user route that deposits from SH Pay's account: a deposit only ever pays a claim (a refund, a
 * payout, a move's leg). Each POST needs an {@code Idempotency-Key}. Answers: 201 done, 202 still
 * under way (SH Pay settles unknown legs with the bank, never by sending them again), or a problem
 * naming the bank's refusal.
 */
final class TransferEndpoints {

  private static final Set<String> FIELDS = Set.of("accountId", "amount", "recipientName", "printContent");
  private static final Set<String> MOVE_FIELDS = Set.of("fromAccountId", "toAccountId", "amount", "printContent");

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

  void mount(ApiOperations operations) {
    operations.on("withdraw").handler(ctx -> transfer(ctx, TransferRequest.Kind.WITHDRAW));
    operations.on("moveBetweenOwnAccounts").handler(this::move);
    operations.on("getTransfer").respond(ctx -> {
      // The contract has checked it is an id (one that is not is the 404 of a missing transfer).
      String id = ctx.pathParam("transferId");
      String userId = Caller.of(ctx).userId();
      // A move or a single transfer (a move's legs included); someone else's is the same 404 as none.
      return openBanking.moveOf(userId, id).map(TransferJson::move)
          .recover(notMove -> isNotFound(notMove)
              ? openBanking.transferOf(userId, id).map(TransferJson::transfer)
              : Future.failedFuture(notMove));
    });
  }


  private void move(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    MoveRequest request;
    try {
      var body = Requests.json(ctx, MOVE_FIELDS);
      String from = body.requiredId("fromAccountId");
      String to = body.requiredId("toAccountId");
      if (from != null && from.equals(to)) {
        body.reject("toAccountId", "must be another of your accounts than fromAccountId");
      }
      Long amount = body.requiredAmount("amount", maxAmount);
      String printContent = body.optionalString("printContent", 1, 10);
      body.validate();
      request = MoveRequest.of(caller.userId(), ctx.request().getHeader(Idempotency.HEADER), from, to, amount,
          printContent);
    } catch (RuntimeException invalid) {
      ctx.fail(invalid);
      return;
    }
    idempotency.run(ctx, "user:" + caller.userId(), key -> openBanking.move(request).map(TransferEndpoints::moved))
        .onFailure(ctx::fail);
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
      case "APPROVED" -> ApiResponse.json(201, TransferJson.transfer(transfer));
      case "UNKNOWN" -> ApiResponse.json(202, TransferJson.transfer(transfer));
      default -> throw refusal(TransferJson.transfer(transfer));
    };
  }

  private static ApiResponse moved(MoveView move) {
    JsonObject json = TransferJson.move(move);
    return switch (move.status()) {
      case "COMPLETED" -> ApiResponse.json(201, json);
      case "FAILED" -> throw refusal(json.getJsonObject("legs").getJsonObject("withdrawal", json));
      case "RETURNED", "RETURN_FAILED" -> {
        JsonObject deposit = json.getJsonObject("legs").getJsonObject("deposit", new JsonObject());
        String bankCode = deposit.getString("bankRspCode");
        throw Failures.of(ErrorCode.BANK_REJECTED, "Transfer " + move.id() + ": the receiving bank refused the deposit: "
            + deposit.getString("bankMessage", "refused") + (bankCode == null ? "" : " (" + bankCode + ")")
            + ("RETURNED".equals(move.status()) ? "; the amount went back to the first account."
               : "; SH Pay is returning the amount to the first account by hand."));
      }
      default -> ApiResponse.json(202, json);
    };
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof ServiceException refused
        && refused.failureCode() == ErrorCode.NOT_FOUND.busCode();
  }

  private static RuntimeException refusal(JsonObject transfer) {
    String bankCode = transfer.getString("bankRspCode");
    String detail = "Transfer " + transfer.getString("id") + " failed: " + transfer.getString("bankMessage", "refused")
        + (bankCode == null ? "" : " (" + bankCode + ")") + ".";
    return Failures.of("551".equals(bankCode) ? ErrorCode.INSUFFICIENT_FUNDS : ErrorCode.BANK_REJECTED, detail);
  }
}
