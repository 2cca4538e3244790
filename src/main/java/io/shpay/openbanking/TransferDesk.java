package io.shpay.openbanking;

import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Withdrawals and deposits. The transfer is recorded with its bank_tran_id before the bank is
 * asked, so every request leaves a row. A transfer whose answer never came (timeout, lost
 * connection, bank code 999) is UNKNOWN: it is settled by asking KFTC's transfer/result about
 * that bank_tran_id, never by sending it again.
 */
final class TransferDesk {

  private static final Logger LOG = LoggerFactory.getLogger(TransferDesk.class);
  private static final String WITHDRAW = "/v2.0/transfer/withdraw/fin_num";
  private static final String DEPOSIT = "/v2.0/transfer/deposit/fin_num";
  private static final String RESULT = "/v2.0/transfer/result";
  /** transfer/result's bank code for a bank_tran_id the bank has not booked (on the day asked). */
  static final String NO_SUCH_TRANSFER = "400";
  private static final int SETTLE_BATCH = 50;

  private final LinkedAccounts accounts;
  private final Transfers transfers;
  private final UserBankCalls userCalls;
  private final KftcClient kftc;
  private final OobToken oob;
  private final BankTranIdIssuer tranIds;
  private final OpenBankingConfig config;
  private final BankTime time;

  TransferDesk(LinkedAccounts accounts, Transfers transfers, UserBankCalls userCalls, KftcClient kftc, OobToken oob,
      BankTranIdIssuer tranIds, OpenBankingConfig config, BankTime time) {
    this.accounts = accounts;
    this.transfers = transfers;
    this.userCalls = userCalls;
    this.kftc = kftc;
    this.oob = oob;
    this.tranIds = tranIds;
    this.config = config;
    this.time = time;
  }

  /**
   * Sends the transfer once. A request carrying a {@link TransferRequest#transferId} that is
   * already recorded is answered with that transfer's state and never sent again, so a caller
   * that lost the answer may ask again safely.
   */
  Future<TransferView> transfer(TransferRequest request) {
    if (request.kind() == TransferRequest.Kind.DEPOSIT && (request.claim() == null || request.claim().isBlank())) {
      // SH Pay's money leaves only against something owed: a refund, a payout, a move's leg.
      return Failures.fail(ErrorCode.FORBIDDEN, "A deposit from SH Pay's account must name the claim it pays.");
    }
    String id = request.transferId() != null ? request.transferId() : UUID.randomUUID().toString();
    return recorded(request, id).compose(existing -> existing.isPresent()
        ? alreadyRecorded(request, existing.get())
        : (request.claim() != null ? accounts.ownedForClaim(request.userId(), request.accountId())
            : accounts.owned(request.userId(), request.accountId()))
            .compose(account -> oob.get()
                .compose(grant -> tranIds.issue(grant.clientUseCode()))
                .compose(tranId -> transfers.insert(id, request, tranId))
                .compose(stored -> stored.isEmpty()
                    // Another call with the same id or key recorded it first: that one sends it.
                    ? recorded(request, id).compose(raced -> alreadyRecorded(request, raced.orElseThrow()))
                    : sendUnlessVoided(request, account, stored.get()).map(Transfers.Stored::view))));
  }

  /**
   * Voids a transfer id that a payment or refund chose but open banking never recorded, long after
   * any request naming it could still arrive; true when voided (no transfer can ever be sent under it).
   */
  Future<Boolean> voidUnrecorded(String transferId) {
    return transfers.voidIfUnrecorded(transferId);
  }

  /** A payment that gave up on this id has voided it: the transfer is recorded FAILED and never sent. */
  private Future<Transfers.Stored> sendUnlessVoided(TransferRequest request, LinkedAccounts.Linked account,
      Transfers.Stored stored) {
    return transfers.isVoided(stored.view().id()).compose(voided -> voided
        ? transfers.settle(stored.view().id(), "FAILED", null).compose(failed -> Failures.<Transfers.Stored>fail(
            ErrorCode.FORBIDDEN, "This transfer id was voided: the payment or refund that chose it was settled as never sent."))
        : sendAndSettle(request, account, stored));
  }

  /**
   * The transfer this request already made: by the caller's transfer id, else by its Idempotency-Key,
   * else (a deposit) by the claim it pays, which is paid at most once.
   */
  private Future<Optional<Transfers.Stored>> recorded(TransferRequest request, String id) {
    return transfers.find(id).compose(byId -> byId.isPresent()
            ? Future.succeededFuture(byId)
            : transfers.findByKey(request.userId(), request.idempotencyKey()))
        .compose(byKey -> byKey.isPresent() || request.claim() == null
            ? Future.succeededFuture(byKey)
            : transfers.byClaim(request.claim()));
  }

  private Future<Transfers.Stored> sendAndSettle(TransferRequest request, LinkedAccounts.Linked account,
      Transfers.Stored stored) {
    return send(request, account, stored).transform(sent -> {
      if (sent.succeeded()) {
        return decide(stored, sent.result());
      }
      if (sent.cause() instanceof BankUnreachable) {
        return unknown(stored, sent.cause());
      }
      // Refused before the bank was asked (e.g. consent required): nothing moved.
      return transfers.settle(stored.view().id(), "FAILED", null)
          .compose(failed -> Future.<Transfers.Stored>failedFuture(sent.cause()));
    });
  }

  private static Future<TransferView> alreadyRecorded(TransferRequest request, Transfers.Stored existing) {
    if (!existing.userId().equals(request.userId())) {
      return Failures.fail(ErrorCode.NOT_FOUND, "No transfer with this id.");
    }
    boolean same = existing.kind().equals(request.kind().name()) && existing.amount() == request.amount()
        && existing.accountId().equals(request.accountId());
    return same
        ? Future.succeededFuture(existing.view())
        : Failures.fail(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key already made another transfer; use a new key.");
  }

  Future<TransferView> transferOf(String userId, String transferId) {
    return owned(userId, transferId).map(Transfers.Stored::view);
  }

  /**
   * The user's transfer, asked about at KFTC first when its outcome is still unknown (or it has
   * been REQUESTED so long that its sender must be gone).
   */
  Future<TransferView> settleOne(String userId, String transferId) {
    return owned(userId, transferId)
        .compose(stored -> "UNKNOWN".equals(stored.view().status())
            || "REQUESTED".equals(stored.view().status()) && isStale(stored)
            ? lookUp(stored)
            : Future.succeededFuture(stored))
        .map(Transfers.Stored::view);
  }

  private Future<Transfers.Stored> owned(String userId, String transferId) {
    return transfers.find(transferId).compose(found -> found.filter(stored -> stored.userId().equals(userId))
        .map(Future::succeededFuture)
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No transfer with this id.")));
  }

  /**
   * Looks up every open transfer whose look-up is due, earliest due first (UNKNOWN ones, and
   * REQUESTED ones whose sender is gone); returns how many were settled. One that the bank cannot
   * answer for yet is pushed back, so a batch never fills with the same stuck transfers.
   */
  Future<Integer> settleUnknown() {
    return transfers.claimDue(SETTLE_BATCH).compose(due -> {
      Future<Integer> settled = Future.succeededFuture(0);
      for (Transfers.Stored transfer : due) {
        settled = settled.compose(count -> lookUp(transfer)
            .map(after -> isOpen(after.view().status()) ? count : count + 1)
            .otherwise(count));
      }
      return settled;
    });
  }

  /** A REQUESTED transfer looked up lost its sender: it becomes UNKNOWN, then KFTC is asked. */
  private Future<Transfers.Stored> lookUp(Transfers.Stored transfer) {
    return "REQUESTED".equals(transfer.view().status()) ? unknown(transfer, null) : settle(transfer);
  }

  private boolean isStale(Transfers.Stored transfer) {
    return transfer.createdAt().plus(config.staleRequestedAfter()).isBefore(time.clock().instant());
  }

  private static boolean isOpen(String status) {
    return "REQUESTED".equals(status) || "UNKNOWN".equals(status);
  }

  private Future<KftcReply> send(TransferRequest request, LinkedAccounts.Linked account, Transfers.Stored stored) {
    String printContent = request.printContent() == null ? "SH Pay" : request.printContent();
    String clientNum = request.userId().replace("-", "").substring(0, 20);
    if (request.kind() == TransferRequest.Kind.WITHDRAW) {
      return userCalls.post(request.userId(), WITHDRAW, access -> new JsonObject()
          .put("bank_tran_id", stored.bankTranId())
          .put("cntr_account_type", "N")
          .put("cntr_account_num", config.contractAccountNum())
          .put("dps_print_content", printContent)
          .put("fintech_use_num", account.fintechUseNum())
          .put("wd_print_content", printContent)
          .put("tran_amt", Long.toString(request.amount()))
          .put("tran_dtime", time.tranDtime())
          .put("req_client_name", holderName(request, account))
          .put("req_client_fintech_use_num", account.fintechUseNum())
          .put("req_client_num", clientNum)
          .put("transfer_purpose", "TR"));
    }
    return oob.call(grant -> kftc.post(DEPOSIT, grant.accessToken(), new JsonObject()
        .put("cntr_account_type", "N")
        .put("cntr_account_num", config.contractAccountNum())
        .put("wd_pass_phrase", config.depositPassPhrase().reveal())
        .put("wd_print_content", printContent)
        .put("name_check_option", "off")
        .put("tran_dtime", time.tranDtime())
        .put("req_cnt", "1")
        .put("req_list", new JsonArray().add(new JsonObject()
            .put("tran_no", "1")
            .put("bank_tran_id", stored.bankTranId())
            .put("fintech_use_num", account.fintechUseNum())
            .put("print_content", printContent)
            .put("tran_amt", Long.toString(request.amount()))
            .put("req_client_name", holderName(request, account))
            .put("req_client_fintech_use_num", account.fintechUseNum())
            .put("req_client_num", clientNum)
            .put("transfer_purpose", "TR"))))
        .map(TransferDesk::firstItem));
  }

  private Future<Transfers.Stored> decide(Transfers.Stored stored, KftcReply reply) {
    if (reply.ok()) {
      return transfers.settle(stored.view().id(), "APPROVED", reply);
    }
    if (reply.outcomeUnknown()) {
      return unknown(stored, null);
    }
    return transfers.settle(stored.view().id(), "FAILED", reply);
  }

  /** No answer: record UNKNOWN, then ask KFTC at once; most lost answers are settled before we reply. */
  private Future<Transfers.Stored> unknown(Transfers.Stored stored, Throwable cause) {
    LOG.warn("Transfer {} ({}) has no answer from the bank{}; asking transfer/result", stored.view().id(),
        stored.bankTranId(), cause == null ? "" : " (" + cause.getMessage() + ")");
    return transfers.settle(stored.view().id(), "UNKNOWN", null).compose(this::settle);
  }

  /**
   * Asks transfer/result about the transfer on its own bank day (Asia/Seoul) and, once that day is
   * over, on the next one too: a request sent just before 00:00 KST may be booked by the bank
   * after it. "No such transfer" is final only once the transfer is older than the grace period,
   * since a bank that timed out may still be booking it.
   */
  private Future<Transfers.Stored> settle(Transfers.Stored transfer) {
    LocalDate ownDay = LocalDate.parse(transfer.bankTranDate(), BankTime.DATE);
    JsonArray items = new JsonArray().add(resultItem("1", transfer, ownDay));
    if (ownDay.isBefore(time.today())) {
      items.add(resultItem("2", transfer, ownDay.plusDays(1)));
    }
    return oob.call(grant -> kftc.post(RESULT, grant.accessToken(), new JsonObject()
            .put("check_type", transfer.kind().equals("WITHDRAW") ? "1" : "2")
            .put("tran_dtime", time.tranDtime())
            .put("req_cnt", Integer.toString(items.size()))
            .put("req_list", items)))
        .map(TransferDesk::bestItem)
        .compose(result -> {
          if (result.ok()) {
            return transfers.settle(transfer.view().id(), "APPROVED", result);
          }
          if (result.outcomeUnknown() || result.bankRspCode() == null) {
            return stillUnknown(transfer, "the bank has no outcome yet");
          }
          if (NO_SUCH_TRANSFER.equals(result.bankRspCode()) && withinGrace(transfer)) {
            return stillUnknown(transfer, "no such transfer yet, within the grace period");
          }
          return transfers.settle(transfer.view().id(), "FAILED", result);
        })
        .recover(unreachable -> {
          LOG.info("transfer/result for {} did not answer; it stays UNKNOWN", transfer.bankTranId());
          return stillUnknown(transfer, "transfer/result did not answer");
        });
  }

  /** The settler asks again later, a little later each time. */
  private Future<Transfers.Stored> stillUnknown(Transfers.Stored transfer, String why) {
    LOG.debug("Transfer {} stays UNKNOWN: {}", transfer.view().id(), why);
    return transfers.reschedule(transfer).map(transfer);
  }

  private boolean withinGrace(Transfers.Stored transfer) {
    return transfer.createdAt().plus(config.transferNotFoundGrace()).isAfter(time.clock().instant());
  }

  private static JsonObject resultItem(String tranNo, Transfers.Stored transfer, LocalDate day) {
    return new JsonObject()
        .put("tran_no", tranNo)
        .put("org_bank_tran_id", transfer.bankTranId())
        .put("org_bank_tran_date", BankTime.DATE.format(day))
        .put("org_tran_amt", Long.toString(transfer.amount()));
  }

  /** Of the days asked about, the one where the bank knows the transfer; else the first answer. */
  private static KftcReply bestItem(KftcReply reply) {
    JsonArray items = reply.body().getJsonArray("res_list");
    if (items == null || items.isEmpty()) {
      return reply;
    }
    JsonObject chosen = items.getJsonObject(0);
    for (int i = 0; i < items.size(); i++) {
      if (!NO_SUCH_TRANSFER.equals(items.getJsonObject(i).getString("bank_rsp_code"))) {
        chosen = items.getJsonObject(i);
        break;
      }
    }
    JsonObject item = chosen.copy();
    item.put("rsp_code", reply.rspCode());
    return new KftcReply(item);
  }

  private static String holderName(TransferRequest request, LinkedAccounts.Linked account) {
    String holder = account.view().holderName();
    return request.recipientName() != null ? request.recipientName() : holder == null ? "SH Pay user" : holder;
  }

  /** Deposits and transfer results answer per item: the item's bank code is the transfer's outcome. */
  private static KftcReply firstItem(KftcReply reply) {
    JsonArray items = reply.body().getJsonArray("res_list");
    if (items == null || items.isEmpty()) {
      return reply;
    }
    JsonObject item = items.getJsonObject(0).copy();
    item.put("rsp_code", reply.rspCode());
    return new KftcReply(item);
  }
}
