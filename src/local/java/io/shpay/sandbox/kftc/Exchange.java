package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One KFTC call in progress: the request, the {@code api_tran_id} and time it is answered under,
 * and the bank fields known so far, so that every answer (success, refusal or injected fault)
 * carries the common envelope KFTC always sends.
 */
final class Exchange {

  private final RoutingContext ctx;
  private final boolean bankCall;
  private final String apiTranId = UUID.randomUUID().toString();
  private final LocalDateTime now;
  private JsonObject json;
  private String bankTranId;
  private String bankCodeTran = "";

  Exchange(RoutingContext ctx, boolean bankCall, LocalDateTime now) {
    this.ctx = ctx;
    this.bankCall = bankCall;
    this.now = now;
  }

  RoutingContext ctx() {
    return ctx;
  }

  /** Asia/Seoul time of this call, from the options' clock. */
  LocalDateTime now() {
    return now;
  }

  String bankTranDate() {
    return KoreanWire.DATE.format(now);
  }

  String query(String name) {
    return ctx.queryParams().get(name);
  }

  String form(String name) {
    return ctx.request().getFormAttribute(name);
  }

  String header(String name) {
    return ctx.request().getHeader(name);
  }

  /** The JSON body; a body that is missing or not a JSON object is malformed HTTP (400, A0004). */
  JsonObject json() {
    if (json == null) {
      try {
        json = ctx.body().asJsonObject();
      } catch (DecodeException | ClassCastException e) {
        throw KftcError.malformed("the request body is not a JSON object");
      }
      if (json == null) {
        throw KftcError.malformed("the request body must be a JSON object");
      }
    }
    return json;
  }

  /** The bank_tran_id this call is about, echoed in every answer from now on. */
  void bankTranId(String id) {
    this.bankTranId = id;
  }

  void bankCodeTran(String code) {
    this.bankCodeTran = code == null ? "" : code;
  }

  JsonObject envelope(String rspCode, String rspMessage) {
    return new JsonObject()
        .put("api_tran_id", apiTranId)
        .put("api_tran_dtm", Wire.API_DTM.format(now))
        .put("rsp_code", rspCode)
        .put("rsp_message", rspMessage);
  }

  JsonObject ok() {
    return envelope(RspCodes.OK, RspCodes.message(RspCodes.OK));
  }

  /** Success with the bank's 000 fields. */
  JsonObject bankOk() {
    return bankFields(ok(), RspCodes.BANK_OK, "");
  }

  JsonObject bankFields(JsonObject body, String bankRspCode, String detail) {
    String message = bankRspCode.isEmpty() ? "" : RspCodes.bankMessage(bankRspCode);
    return body.put("bank_tran_id", bankTranId == null ? rawBankTranId() : bankTranId)
        .put("bank_tran_date", bankTranDate())
        .put("bank_code_tran", bankCodeTran)
        .put("bank_rsp_code", bankRspCode)
        .put("bank_rsp_message", detail == null || detail.isEmpty() || bankRspCode.equals(RspCodes.BANK_OK)
            ? message : message + " (" + detail + ")");
  }

  /** A refusal: KFTC codes in the body, HTTP 200 unless the request was malformed HTTP. */
  Reply.Json refusal(KftcError error) {
    boolean bank = error.bankRspCode() != null;
    String message = RspCodes.message(error.rspCode()) + (bank || error.detail() == null ? "" : ": " + error.detail());
    JsonObject body = envelope(error.rspCode(), message);
    if (bank) {
      if (error.bankCodeTran() != null && !error.bankCodeTran().isEmpty()) {
        bankCodeTran(error.bankCodeTran());
      }
      bankFields(body, error.bankRspCode(), error.detail());
    } else if (bankCall) {
      bankFields(body, "", null);
    }
    return new Reply.Json(error.httpStatus(), body);
  }

  /** The answer of a {@link KftcFaults#failNext} fault: the injected codes, nothing processed. */
  Reply injected(FaultInjector.Failure failure, String bankCodeTranGuess) {
    JsonObject body = envelope(failure.rspCode(), RspCodes.message(failure.rspCode()) + " (sandbox fault injection)");
    if (failure.bankRspCode() != null) {
      bankCodeTran(bankCodeTranGuess);
      JsonArray reqList = bodyJsonQuietly().getJsonArray("req_list");
      if (reqList != null && !reqList.isEmpty() && reqList.getValue(0) instanceof JsonObject item) {
        String id = item.getString("bank_tran_id", item.getString("org_bank_tran_id", ""));
        bankTranId(id);
        JsonObject line = bankFields(new JsonObject().put("tran_no", item.getString("tran_no", "1")),
            failure.bankRspCode(), null)
            .put("fintech_use_num", item.getString("fintech_use_num", ""))
            .put("tran_amt", item.getString("tran_amt", ""));
        body.put("res_cnt", "1").put("res_list", new JsonArray().add(line));
      } else {
        bankFields(body, failure.bankRspCode(), null);
      }
    } else if (bankCall) {
      bankFields(body, "", null);
    }
    return Reply.json(body);
  }

  /** The fintech_use_num the request names, wherever it carries it (for injected faults). */
  String rawFintechUseNum() {
    String fromQuery = query("fintech_use_num");
    if (fromQuery != null) {
      return fromQuery;
    }
    JsonObject body = bodyJsonQuietly();
    JsonArray reqList = body.getJsonArray("req_list");
    if (reqList != null && !reqList.isEmpty() && reqList.getValue(0) instanceof JsonObject item) {
      return item.getString("fintech_use_num");
    }
    return body.getValue("fintech_use_num") instanceof String s ? s : null;
  }

  private String rawBankTranId() {
    String fromQuery = query("bank_tran_id");
    if (fromQuery != null) {
      return fromQuery;
    }
    Object fromBody = bodyJsonQuietly().getValue("bank_tran_id");
    return fromBody instanceof String s ? s : "";
  }

  private JsonObject bodyJsonQuietly() {
    try {
      return json();
    } catch (KftcError e) {
      return new JsonObject();
    }
  }
}
