package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.regex.Pattern;

/**
 * {@code POST /v2.0/transfer/result} (oob token): the outcome of earlier transfers by their
 * {@code bank_tran_id} and date, the way a client settles a transfer whose answer it never got
 * without sending the money twice. An id the bank never processed (never sent, refused before the
 * bank, or hit by an injected failure) answers bank code 400 "no such transfer". The original's
 * own amount is reported even if {@code org_tran_amt} differs, so moved money is never hidden.
 */
final class TransferResultEndpoint {

  static final String PATH = "/v2.0/transfer/result";

  private static final Pattern REQ_CNT = Pattern.compile("\\d{1,2}");

  private final Bank bank;
  private final BearerGuard guard;

  TransferResultEndpoint(Bank bank, BearerGuard guard) {
    this.bank = bank;
    this.guard = guard;
  }

  void mount(Router router, BodyHandler bodies, KftcCalls calls) {
    router.post(PATH).handler(bodies).handler(calls.plain(this::result));
    router.route(PATH).handler(calls.plain(KftcCalls::methodNotAllowed));
  }

  private Reply result(Exchange ex) {
    guard.oob(ex);
    JsonObject body = ex.json();
    TransferRecord.Kind kind = Fields.oneOf(Fields.string(body, "check_type"), "check_type", "1", "2").equals("1")
        ? TransferRecord.Kind.WITHDRAW : TransferRecord.Kind.DEPOSIT;
    Wire.dtime(Fields.string(body, "tran_dtime"), "tran_dtime");
    String reqCnt = String.valueOf(body.getValue("req_cnt"));
    JsonArray reqList = body.getValue("req_list") instanceof JsonArray list ? list : null;
    if (!REQ_CNT.matcher(reqCnt).matches() || reqList == null || reqList.isEmpty() || reqList.size() > 25
        || Integer.parseInt(reqCnt) != reqList.size()) {
      throw KftcError.format("req_cnt must be 1 to 25 and equal the number of req_list items");
    }
    JsonArray lines = new JsonArray();
    for (Object entry : reqList) {
      if (!(entry instanceof JsonObject item)) {
        throw KftcError.format("req_list items must be objects");
      }
      lines.add(line(kind, item));
    }
    return Reply.json(ex.ok().put("res_cnt", String.valueOf(lines.size())).put("res_list", lines));
  }

  private JsonObject line(TransferRecord.Kind kind, JsonObject item) {
    String tranNo = Fields.requiredString(item, "tran_no");
    String orgId = Fields.requiredString(item, "org_bank_tran_id");
    String orgDate = KoreanWire.DATE.format(Wire.date(Fields.string(item, "org_bank_tran_date"), "org_bank_tran_date"));
    long orgAmount = Wire.amount(Fields.string(item, "org_tran_amt"), "org_tran_amt");
    TransferRecord original = bank.transfer(orgDate, orgId).filter(t -> t.kind() == kind).orElse(null);
    if (original == null) {
      return new JsonObject()
          .put("tran_no", tranNo)
          .put("bank_tran_id", orgId)
          .put("bank_tran_date", orgDate)
          .put("bank_code_tran", "")
          .put("bank_rsp_code", RspCodes.BANK_NO_SUCH_TRANSFER)
          .put("bank_rsp_message", RspCodes.bankMessage(RspCodes.BANK_NO_SUCH_TRANSFER))
          .put("tran_amt", String.valueOf(orgAmount));
    }
    return new JsonObject()
        .put("tran_no", tranNo)
        .put("bank_tran_id", original.bankTranId())
        .put("bank_tran_date", original.bankTranDate())
        .put("bank_code_tran", original.bankCodeTran())
        .put("bank_rsp_code", original.bankRspCode())
        .put("bank_rsp_message", RspCodes.bankMessage(original.bankRspCode()))
        .put("fintech_use_num", original.fintechUseNum())
        .put("bank_name", original.bankName())
        .put("account_num_masked", original.accountNumMasked())
        .put("print_content", original.printContent())
        .put("account_holder_name", original.accountHolderName())
        .put("tran_amt", String.valueOf(original.tranAmt()));
  }
}
