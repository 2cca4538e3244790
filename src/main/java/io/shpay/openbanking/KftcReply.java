package io.shpay.openbanking;

import io.vertx.core.json.JsonObject;

/**
 * One KFTC answer. KFTC reports failures inside HTTP 200 responses, so success is decided here,
 * from {@code rsp_code} and, for calls that reached a bank, {@code bank_rsp_code}.
 */
record KftcReply(JsonObject body) {

  static final String OK = "A0000";
  static final String BANK_OK = "000";

  String rspCode() {
    return body.getString("rsp_code", "");
  }

  /** The bank's own code, or null when the call did not reach a bank. */
  String bankRspCode() {
    String code = body.getString("bank_rsp_code");
    return code == null || code.isBlank() ? null : code;
  }

  boolean ok() {
    return OK.equals(rspCode()) && (bankRspCode() == null || BANK_OK.equals(bankRspCode()));
  }

  /** The most specific message: the bank's when it answered, otherwise KFTC's. */
  String message() {
    String bank = body.getString("bank_rsp_message");
    return bank != null && !bank.isBlank() ? bank : body.getString("rsp_message", "");
  }

  /** The access token of a successful grant, or null (token answers carry no {@code rsp_code} on success). */
  String grantedAccessToken() {
    String token = body.getString("access_token");
    return token == null || token.isBlank() ? null : token;
  }

  /** The token was refused or lacks the scope: only a new consent (or refresh) helps. */
  boolean tokenRefused() {
    return rspCode().equals("O0001") || rspCode().equals("O0002") || rspCode().equals("O0011");
  }

  /** The bank could not say whether the transfer happened. */
  boolean outcomeUnknown() {
    return "999".equals(bankRspCode());
  }
}
