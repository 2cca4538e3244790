package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;

/**
 * {@code POST /v2.0/transfer/withdraw/fin_num} (a person's token, scope transfer) and
 * {@code POST /v2.0/transfer/deposit/fin_num} (the oob token). Money moves only on bank code
 * 000; every answer that came from the bank, success or refusal, is recorded for
 * {@link TransferResultEndpoint}.
 */
final class TransferEndpoints {

  static final String WITHDRAW = "/v2.0/transfer/withdraw/fin_num";
  static final String DEPOSIT = "/v2.0/transfer/deposit/fin_num";

  private final Bank bank;
  private final BearerGuard guard;
  private final BankTranIds bankTranIds;

  TransferEndpoints(Bank bank, BearerGuard guard, BankTranIds bankTranIds) {
    this.bank = bank;
    this.guard = guard;
    this.bankTranIds = bankTranIds;
  }

  void mount(Router router, BodyHandler bodies, KftcCalls calls) {
    router.post(WITHDRAW).handler(bodies).handler(calls.bank(this::withdraw));
    router.post(DEPOSIT).handler(bodies).handler(calls.plain(this::deposit));
    for (String path : List.of(WITHDRAW, DEPOSIT)) {
      router.route(path).handler(calls.plain(KftcCalls::methodNotAllowed));
    }
  }

  private Reply withdraw(Exchange ex) {
    Tokens.AccessGrant grant = guard.user(ex, Scopes.TRANSFER);
    JsonObject body = ex.json();
    String bankTranId = bankTranIds.checkFormat(Fields.string(body, "bank_tran_id"));
    ex.bankTranId(bankTranId);
    Wire.dtime(Fields.string(body, "tran_dtime"), "tran_dtime");
    String cntrAccountNum = TransferRequest.contractedAccount(body);
    String dpsPrintContent = Fields.maxLength(Fields.requiredString(body, "dps_print_content"), "dps_print_content", 20);
    String fintechUseNum = Fields.fintechUseNum(Fields.string(body, "fintech_use_num"));
    String wdPrintContent = Fields.maxLength(Fields.string(body, "wd_print_content"), "wd_print_content", 20);
    long amount = Wire.amount(Fields.string(body, "tran_amt"), "tran_amt");
    TransferRequest.requestingClient(body);
    bankTranIds.use(bankTranId);

    String printContent = wdPrintContent == null || wdPrintContent.isEmpty()
        ? bank.institution().holderName() : wdPrintContent;
    Account account = null;
    try {
      account = bank.account(fintechUseNum, grant.userSeqNo());
      ex.bankCodeTran(account.bankCodeStd);
      bank.withdraw(account, amount, printContent, ex.now());
    } catch (KftcError refused) {
      recordRefusal(TransferRecord.Kind.WITHDRAW, ex, bankTranId, refused, account, fintechUseNum, amount, printContent);
      throw refused;
    }
    bank.record(success(TransferRecord.Kind.WITHDRAW, ex, bankTranId, account, printContent, amount));

    Institution institution = bank.institution();
    return Reply.json(ex.bankOk()
        .put("dps_bank_code_std", institution.bankCodeStd())
        .put("dps_bank_code_sub", institution.bankCodeSub())
        .put("dps_bank_name", institution.bankName())
        .put("dps_account_num_masked", TransferRequest.mask(cntrAccountNum))
        .put("dps_print_content", dpsPrintContent)
        .put("dps_account_holder_name", institution.holderName())
        .put("fintech_use_num", account.fintechUseNum)
        .put("account_alias", account.accountAlias)
        .put("bank_code_std", account.bankCodeStd)
        .put("bank_code_sub", account.bankCodeSub)
        .put("bank_name", account.bankName)
        .put("savings_bank_name", "")
        .put("account_num_masked", account.accountNumMasked)
        .put("print_content", printContent)
        .put("account_holder_name", account.accountHolderName)
        .put("tran_amt", String.valueOf(amount))
        .put("wd_limit_remain_amt", String.valueOf(account.withdrawLimitRemaining(ex.now().toLocalDate()))));
  }

  /**
   * KFTC's deposit is a list of one: the bank fields live in {@code res_list[0]}, and a bank
   * refusal is {@code rsp_code} A0002 with the item's {@code bank_rsp_code}.
   */
  private Reply deposit(Exchange ex) {
    guard.oob(ex);
    JsonObject body = ex.json();
    String cntrAccountNum = TransferRequest.contractedAccount(body);
    Fields.requiredString(body, "wd_pass_phrase");
    String wdPrintContent = Fields.maxLength(Fields.requiredString(body, "wd_print_content"), "wd_print_content", 20);
    String nameCheck = Fields.string(body, "name_check_option");
    if (nameCheck != null) {
      Fields.oneOf(nameCheck, "name_check_option", "on", "off");
    }
    Wire.dtime(Fields.string(body, "tran_dtime"), "tran_dtime");
    if (!"1".equals(String.valueOf(body.getValue("req_cnt")))) {
      throw KftcError.format("req_cnt must be 1");
    }
    JsonArray reqList = body.getValue("req_list") instanceof JsonArray list ? list : null;
    if (reqList == null || reqList.size() != 1 || !(reqList.getValue(0) instanceof JsonObject item)) {
      throw KftcError.format("req_list must hold exactly one request");
    }
    String tranNo = Fields.requiredString(item, "tran_no");
    String bankTranId = bankTranIds.checkFormat(Fields.string(item, "bank_tran_id"));
    ex.bankTranId(bankTranId);
    String fintechUseNum = Fields.fintechUseNum(Fields.string(item, "fintech_use_num"));
    String printContent = Fields.maxLength(Fields.requiredString(item, "print_content"), "print_content", 20);
    long amount = Wire.amount(Fields.string(item, "tran_amt"), "tran_amt");
    TransferRequest.requestingClient(item);
    bankTranIds.use(bankTranId);

    Institution institution = bank.institution();
    JsonObject answer = ex.ok()
        .put("wd_bank_code_std", institution.bankCodeStd())
        .put("wd_bank_code_sub", institution.bankCodeSub())
        .put("wd_bank_name", institution.bankName())
        .put("wd_account_num_masked", TransferRequest.mask(cntrAccountNum))
        .put("wd_print_content", wdPrintContent)
        .put("wd_account_holder_name", institution.holderName())
        .put("res_cnt", "1");
    JsonObject line = new JsonObject().put("tran_no", tranNo);
    Account account = null;
    try {
      account = bank.account(fintechUseNum, null);
      ex.bankCodeTran(account.bankCodeStd);
      bank.deposit(account, amount, printContent, ex.now());
      bank.record(success(TransferRecord.Kind.DEPOSIT, ex, bankTranId, account, printContent, amount));
      ex.bankFields(line, RspCodes.BANK_OK, null)
          .put("fintech_use_num", account.fintechUseNum)
          .put("account_alias", account.accountAlias)
          .put("bank_code_std", account.bankCodeStd)
          .put("bank_code_sub", account.bankCodeSub)
          .put("bank_name", account.bankName)
          .put("savings_bank_name", "")
          .put("account_num_masked", account.accountNumMasked)
          .put("print_content", printContent)
          .put("account_holder_name", account.accountHolderName)
          .put("tran_amt", String.valueOf(amount));
    } catch (KftcError refused) {
      if (refused.bankRspCode() == null) {
        throw refused;
      }
      recordRefusal(TransferRecord.Kind.DEPOSIT, ex, bankTranId, refused, account, fintechUseNum, amount, printContent);
      answer.put("rsp_code", refused.rspCode()).put("rsp_message", RspCodes.message(refused.rspCode()));
      ex.bankFields(line, refused.bankRspCode(), refused.detail())
          .put("fintech_use_num", fintechUseNum)
          .put("print_content", printContent)
          .put("tran_amt", String.valueOf(amount));
    }
    return Reply.json(answer.put("res_list", new JsonArray().add(line)));
  }

  private static TransferRecord success(TransferRecord.Kind kind, Exchange ex, String bankTranId, Account account,
      String printContent, long amount) {
    return new TransferRecord(kind, bankTranId, ex.bankTranDate(), account.bankCodeStd, RspCodes.BANK_OK,
        account.fintechUseNum, account.bankName, account.accountNumMasked, account.accountHolderName, printContent,
        amount);
  }

  /**
   * A bank refusal is an outcome too: transfer/result must report it, not "no such transfer".
   * {@code account} is null when the account itself was refused (412); its details stay unknown.
   */
  private void recordRefusal(TransferRecord.Kind kind, Exchange ex, String bankTranId, KftcError refused,
      Account account, String fintechUseNum, long amount, String printContent) {
    if (refused.bankRspCode() == null) {
      return;
    }
    bank.record(new TransferRecord(kind, bankTranId, ex.bankTranDate(), account == null ? "" : account.bankCodeStd,
        refused.bankRspCode(), fintechUseNum, account == null ? "" : account.bankName,
        account == null ? "" : account.accountNumMasked, account == null ? "" : account.accountHolderName,
        printContent, amount));
  }
}
