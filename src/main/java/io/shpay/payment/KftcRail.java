package io.shpay.payment;

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
    return openBanking.transfer(TransferRequest.of(kind, movement.userId(), movement.sourceId(), movement.amount(),
            null, "SH Pay"))
        .map(KftcRail::result)
        .recover(failure -> failure instanceof ServiceException refused && refused.failureCode() / 100 == 4
            // Refused before any money moved (e.g. the consent lapsed): a definite failure.
            ? Future.succeededFuture(RailResult.failed(code(refused), refused.getMessage(), null))
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

  private static String code(ServiceException refused) {
    return refused.getDebugInfo() == null ? null : refused.getDebugInfo().getString("code");
  }
}
