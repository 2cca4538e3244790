package io.shpay.payment;

import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;

/**
 * Payments from NH FinAccounts: DrawingTransfer charges, ReceivedTransferFinAccount refunds, each
 * with the IsTuno fixed on the record before the call. An unknown outcome is looked up in
 * InquireTransactionHistory by that IsTuno.
 */
final class NhRail implements BankRail {

  private static final int MAX_HISTORY_PAGES = 10;

  private final NhClient nh;
  private final FinAccounts finAccounts;
  private final IsTunos isTunos;
  private final Clock clock;
  /** A transfer missing from NH's history this long after it was sent never happened (NH says 10 minutes). */
  private final Duration notFoundGrace;

  NhRail(NhClient nh, FinAccounts finAccounts, IsTunos isTunos, Clock clock, Duration notFoundGrace) {
    this.nh = nh;
    this.finAccounts = finAccounts;
    this.isTunos = isTunos;
    this.clock = clock;
    this.notFoundGrace = notFoundGrace;
  }

  @Override
  public Rail rail() {
    return Rail.NH;
  }

  @Override
  public Future<RailResult> charge(MoneyMovement payment) {
    return send(payment, "DrawingTransfer", NhClient.DRAWING);
  }

  @Override
  public Future<RailResult> refund(MoneyMovement refund) {
    return send(refund, "ReceivedTransferFinAccount", NhClient.RECEIVING);
  }

  private Future<RailResult> send(MoneyMovement movement, String apiNm, String service) {
    return finAccounts.byId(movement.sourceId()).compose(account -> nh.call(apiNm, service, movement.railTranId(),
            new JsonObject()
                .put("FinAcno", account.orElseThrow().finAcno())
                .put("Tram", Long.toString(movement.amount()))
                .put("DractOtlt", "SH Pay")
                .put("MractOtlt", "SH Pay")))
        .map(reply -> reply.ok() ? RailResult.approved(reply.rpcd(), reply.rsms(), null)
            : reply.outcomeUnknown() ? RailResult.unknown(reply.rsms(), null)
            : RailResult.failed(reply.rpcd(), reply.rsms(), null))
        .recover(unreachable -> unreachable instanceof NhUnreachable
            ? Future.succeededFuture(RailResult.unknown(unreachable.getMessage(), null))
            : Future.failedFuture(unreachable));
  }

  @Override
  public Future<RailResult> lookup(MoneyMovement movement) {
    return finAccounts.byId(movement.sourceId())
        .compose(account -> page(movement, account.orElseThrow(), 1))
        .map(found -> {
          if (found != null) {
            return RailResult.approved(NhReply.OK, "found in NH transaction history", null);
          }
          boolean settled = movement.createdAt().plus(notFoundGrace).isBefore(clock.instant());
          return settled
              ? RailResult.failed("NOT_FOUND", "NH has no record of this transfer", null)
              : RailResult.unknown("not in NH transaction history yet", null);
        })
        .recover(unreachable -> Future.succeededFuture(RailResult.unknown(unreachable.getMessage(), null)));
  }

  /** The history line made by the movement's IsTuno, or null when NH has none. */
  private Future<JsonObject> page(MoneyMovement movement, FinAccounts.FinAccount account, int pageNo) {
    String day = movement.railTranDate();
    return isTunos.issue().compose(isTuno -> nh.call("InquireTransactionHistory", NhClient.RECEIVING, isTuno.id(),
            new JsonObject()
                .put("Bncd", account.bankCode())
                .put("Acno", account.accountNumber())
                .put("Insymd", day)
                .put("Ineymd", BankTime.DATE.format(java.time.LocalDate.parse(day, BankTime.DATE).plusDays(1)))
                .put("TrnsDsnc", "A")
                .put("Lnsq", "DESC")
                .put("PageNo", Integer.toString(pageNo))
                .put("Dmcnt", "100")))
        .compose(reply -> {
          if (!reply.ok()) {
            return Future.failedFuture(new NhUnreachable("history lookup refused: " + reply.rpcd(), null));
          }
          for (Object line : reply.body().getJsonArray("REC", new JsonArray())) {
            JsonObject record = (JsonObject) line;
            if (movement.railTranId().equals(record.getString("Tuno"))) {
              return Future.succeededFuture(record);
            }
          }
          boolean more = "Y".equals(reply.body().getString("CtntDataYn"));
          return more && pageNo < MAX_HISTORY_PAGES ? page(movement, account, pageNo + 1) : Future.succeededFuture(null);
        });
  }
}
