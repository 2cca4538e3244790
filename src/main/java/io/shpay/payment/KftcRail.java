package io.shpay.payment;

import io.shpay.common.error.ErrorCode;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.openbanking.TransferRequest;
import io.shpay.openbanking.TransferView;
import io.vertx.core.Future;
import io.vertx.serviceproxy.ServiceException;

import java.time.Clock;
import java.time.Duration;

/**
 * Payments from KFTC-linked accounts, through the open-banking service on the event bus: a charge
 * is a withdrawal, a refund a deposit, under the transfer id the movement stored as its
 * {@code rail_ref} before the call. Open banking owns the KFTC ids and settles unknown transfers
 * with transfer/result; a lookup asks it about that one transfer.
 */
final class KftcRail implements BankRail {

  private final OpenBankingService openBanking;
  private final Clock clock;
  private final Duration unrecordedGrace;

  /**
   * {@code unrecordedGrace}: how old a movement must be before open banking's "no such transfer" means
   * its request will never arrive (far past the bus timeout of the call that carried it).
   */
  KftcRail(OpenBankingService openBanking, Clock clock, Duration unrecordedGrace) {
    this.openBanking = openBanking;
    this.clock = clock;
    this.unrecordedGrace = unrecordedGrace;
  }

  @Override
  public Rail rail() {
    return Rail.KFTC;
  }

  @Override
  public Future<RailResult> charge(MoneyMovement payment) {
    return send(payment, TransferRequest.Kind.WITHDRAW);
  }

  @Override
  public Future<RailResult> refund(MoneyMovement refund) {
    return send(refund, TransferRequest.Kind.DEPOSIT);
  }

  /**
   * The transfer id was chosen by the payment (or refund) and stored with it before this call, so
   * whatever happens to the answer, a lookup can ask open banking about exactly this transfer.
   */
  private Future<RailResult> send(MoneyMovement movement, TransferRequest.Kind kind) {
    String transferId = movement.railRef();
    TransferRequest request = TransferRequest.of(kind, movement.userId(), movement.sourceId(), movement.amount(),
        null, "SH Pay").withTransferId(transferId).asPaymentLeg();
    // A refund is the claim its deposit pays: open banking pays each claim at most once.
    return openBanking.transfer(kind == TransferRequest.Kind.DEPOSIT ? request.withClaim("refund:" + movement.id()) : request)
        .map(KftcRail::result)
        .recover(failure -> refusedBeforeSending(failure)
            // e.g. the consent lapsed: no money moved, a definite failure.
            ? Future.succeededFuture(RailResult.failed(code((ServiceException) failure), failure.getMessage(), transferId))
            : Future.succeededFuture(RailResult.unknown(failure.getMessage(), transferId)));
  }

  /**
   * What open banking knows of the movement's transfer, after asking KFTC if it is still open. No
   * transfer (not recorded yet, or the request is still on its way) or an open one is UNKNOWN:
   * only the bank's word for this transfer makes a movement FAILED.
   */
  @Override
  public Future<RailResult> lookup(MoneyMovement movement) {
    if (movement.railRef() == null) {
      return Future.succeededFuture(RailResult.unknown("no transfer id was recorded with this movement", null));
    }
    return openBanking.settleTransfer(movement.userId(), movement.railRef())
        .map(KftcRail::result)
        .recover(failure -> isNotFound(failure) && isPastGrace(movement)
            ? voidNeverRecorded(movement)
            : Future.succeededFuture(RailResult.unknown(
                isNotFound(failure) ? "open banking has no record of this transfer yet" : failure.getMessage(),
                movement.railRef())));
  }

  private boolean isPastGrace(MoneyMovement movement) {
    return movement.createdAt() != null && movement.createdAt().plus(unrecordedGrace).isBefore(clock.instant());
  }

  /**
   * Open banking never recorded the transfer this movement chose (the process stopped between the
   * movement's insert and the call), and no request for it can still be on its way: the id is voided so
   * that it can never be sent, and only then is the movement FAILED. Nothing moved, and nothing will.
   */
  private Future<RailResult> voidNeverRecorded(MoneyMovement movement) {
    return openBanking.voidUnrecordedTransfer(movement.userId(), movement.railRef())
        .map(voided -> voided
            ? RailResult.failed("NOT_SENT", "open banking never recorded this transfer; its id is now void", movement.railRef())
            : RailResult.unknown("open banking recorded this transfer after all", movement.railRef()))
        .otherwise(failure -> RailResult.unknown(failure.getMessage(), movement.railRef()));
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof ServiceException missing
        && ErrorCode.fromBusCode(missing.failureCode()).filter(ErrorCode.NOT_FOUND::equals).isPresent();
  }

  private static RailResult result(TransferView transfer) {
    String code = transfer.bankRspCode();
    String message = transfer.bankMessage();
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
