package io.shpay.payment;

import io.shpay.common.error.ErrorCode;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.openbanking.TransferRequest;
import io.shpay.openbanking.TransferView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;

/**
 * Payments from KFTC-linked accounts, through the open-banking service on the event bus: a charge
 * is a withdrawal, a refund a deposit. Open banking owns the KFTC ids and settles its own unknown
 * transfers with transfer/result; a lookup reads that transfer's state.
 */
final class KftcRail implements BankRail {

  private final OpenBankingService openBanking;

  KftcRail(OpenBankingService openBanking) {
    this.openBanking = openBanking;
  }

  @Override
  public String name() {
    return "KFTC";
  }

  @Override
  public Future<RailResult> charge(MoneyMovement payment) {
    return send(payment, TransferRequest.Kind.WITHDRAW);
  }

  @Override
  public Future<RailResult> refund(MoneyMovement refund) {
    return send(refund, TransferRequest.Kind.DEPOSIT);
  }

  private Future<RailResult> send(MoneyMovement movement, TransferRequest.Kind kind) {
    TransferRequest request = TransferRequest.of(kind, movement.userId(), movement.sourceId(), movement.amount(),
        null, "SH Pay");
    // A refund is the claim its deposit pays: open banking pays each claim at most once.
    return openBanking.transfer(kind == TransferRequest.Kind.DEPOSIT ? request.withClaim("refund:" + movement.id()) : request)
        .map(KftcRail::result)
        .recover(failure -> refusedBeforeSending(failure)
            // e.g. the consent lapsed: no money moved, a definite failure.
            ? Future.succeededFuture(RailResult.failed(code((ServiceException) failure), failure.getMessage(), null))
            : Future.succeededFuture(RailResult.unknown(failure.getMessage(), null)));
  }

  @Override
  public Future<RailResult> lookup(MoneyMovement movement) {
    if (movement.railRef() == null) {
      // The transfer was never recorded by open banking, so no money can have moved.
      return Future.succeededFuture(RailResult.failed("NOT_SENT", "the transfer was never recorded", null));
    }
    return openBanking.settleUnknownTransfers()
        .compose(settled -> openBanking.transferOf(movement.userId(), movement.railRef()))
        .map(KftcRail::result)
        .recover(failure -> Future.succeededFuture(RailResult.unknown(failure.getMessage(), movement.railRef())));
  }

  private static RailResult result(TransferView transfer) {
    JsonObject json = transfer.toJson();
    String code = json.getString("bankRspCode");
    String message = json.getString("bankMessage");
    return switch (transfer.status()) {
      case "APPROVED" -> RailResult.approved(code, message, transfer.id());
      case "FAILED" -> RailResult.failed(code, message, transfer.id());
      default -> RailResult.unknown(message, transfer.id());
    };
  }

  /**
   * Open banking fails a transfer with one of SH Pay's problems only when it refused before the
   * bank moved anything (consent lapsed, no token, bank_tran_id not issued); once the bank was asked
   * it answers with the transfer's state instead. Anything else (a bus timeout) is unknown.
   */
  private static boolean refusedBeforeSending(Throwable failure) {
    return failure instanceof ServiceException refused && ErrorCode.fromBusCode(refused.failureCode()).isPresent();
  }

  private static String code(ServiceException refused) {
    return refused.getDebugInfo() == null ? null : refused.getDebugInfo().getString("code");
  }
}
