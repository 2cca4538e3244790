package io.shpay.openbanking;

import io.shpay.common.config.OpenBankingConfig;
import io.shpay.common.db.SqlErrors;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  Future<TransferView> transfer(TransferRequest request) {
    if (request.kind() == TransferRequest.Kind.DEPOSIT && (request.claim() == null || request.claim().isBlank())) {
      // SH Pay's money leaves only against something owed: a refund, a payout, a move's leg.
      return Failures.fail(ErrorCode.FORBIDDEN, "A deposit from SH Pay's account must name the claim it pays.");
    }
    String transferId = request.transferId() != null ? request.transferId() : UUID.randomUUID().toString();
    return accounts.owned(request.userId(), request.accountId())
        .compose(account -> oob.get()
            .compose(grant -> tranIds.issue(grant.clientUseCode()))
            .compose(tranId -> transfers.insert(transferId, request, tranId).map(stored -> (Transfers.Stored) stored)
                .recover(failure -> SqlErrors.isDuplicateKey(failure)
                    ? Future.failedFuture(new AlreadyRecorded())
                    : Future.failedFuture(failure)))
            .compose(stored -> send(request, account, stored).transform(sent -> {
              if (sent.succeeded()) {
                return decide(stored, sent.result());
              }
              if (sent.cause() instanceof BankUnreachable) {
                return unknown(stored, sent.cause());
              }
              // Refused before the bank was asked (e.g. consent required): nothing moved.
              return transfers.settle(stored.view().id(), "FAILED", null)
                  .compose(failed -> Future.<Transfers.Stored>failedFuture(sent.cause()));
            })))
        .map(Transfers.Stored::view)
        .recover(failure -> failure instanceof AlreadyRecorded ? recorded(request, transferId) : Future.failedFuture(failure));
  }

  /**
   * The transfer that already holds this id or claim (a retry, or another replica advancing the same
   * move): it was sent, or is being sent, by whoever recorded it, so it is followed, never sent again.
   */
  private Future<TransferView> recorded(TransferRequest request, String transferId) {
    return transfers.find(transferId)
        .compose(byId -> byId.isPresent() || request.claim() == null
            ? Future.succeededFuture(byId)
            : transfers.byClaim(request.claim()))
        .compose(found -> found.filter(stored -> stored.userId().equals(request.userId()))
            .map(stored -> Future.succeededFuture(stored.view()))
            .orElseGet(() -> Failures.fail(ErrorCode.INTERNAL, "Transfer id or claim already used elsewhere.")));
  }

  /** The transfer id or the claim is already recorded: nothing is sent. */
  private static final class AlreadyRecorded extends RuntimeException {
    AlreadyRecorded() {
      super("already recorded", null, false, false);
    }
  }

  Future<TransferView> transferOf(String userId, String transferId) {
    return transfers.find(transferId).compose(found -> found.filter(stored -> stored.userId().equals(userId))
        .map(stored -> Future.succeededFuture(stored.view()))
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No transfer with this id.")));
  }

  /** Settles every UNKNOWN transfer KFTC can answer for now; returns how many were settled. */
  Future<Integer> settleUnknown() {
    return transfers.unknown(50).compose(open -> {
      Future<Integer> settled = Future.succeededFuture(0);
      for (Transfers.Stored transfer : open) {
        settled = settled.compose(count -> settle(transfer)
            .map(after -> after.view().status().equals("UNKNOWN") ? count : count + 1)
            .otherwise(count));
      }
      return settled;
    });
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

  private Future<Transfers.Stored> settle(Transfers.Stored transfer) {
    return oob.call(grant -> kftc.post(RESULT, grant.accessToken(), new JsonObject()
            .put("check_type", transfer.kind().equals("WITHDRAW") ? "1" : "2")
            .put("tran_dtime", time.tranDtime())
            .put("req_cnt", "1")
            .put("req_list", new JsonArray().add(new JsonObject()
                .put("tran_no", "1")
                .put("org_bank_tran_id", transfer.bankTranId())
                .put("org_bank_tran_date", transfer.bankTranDate())
                .put("org_tran_amt", Long.toString(transfer.amount()))))))
        .map(TransferDesk::firstItem)
        .compose(result -> {
          if (result.ok()) {
            return transfers.settle(transfer.view().id(), "APPROVED", result);
          }
          if (result.outcomeUnknown() || result.bankRspCode() == null) {
            return Future.succeededFuture(transfer); // still unknown: the settler asks again later
          }
          return transfers.settle(transfer.view().id(), "FAILED", result);
        })
        .recover(unreachable -> {
          LOG.info("transfer/result for {} did not answer; it stays UNKNOWN", transfer.bankTranId());
          return Future.succeededFuture(transfer);
        });
  }

  private static String holderName(TransferRequest request, LinkedAccounts.Linked account) {
    String holder = account.view().toJson().getString("holderName");
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
