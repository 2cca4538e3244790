package io.shpay.payment;

import io.vertx.core.json.JsonObject;

/** One NH answer: success is {@code Header.Rpcd == "00000"}, whatever the HTTP status said. */
record NhReply(JsonObject body) {

  static final String OK = "00000";
  static final String INSUFFICIENT_FUNDS = "E0201";
  static final String RESULT_UNKNOWN = "E9999";

  String rpcd() {
    JsonObject header = body.getJsonObject("Header");
    return header == null ? "" : header.getString("Rpcd", "");
  }

  /** NH's reason, kept verbatim for support and the user. */
  String rsms() {
    JsonObject header = body.getJsonObject("Header");
    return header == null ? "" : header.getString("Rsms", "");
  }

  boolean ok() {
    return OK.equals(rpcd());
  }

  boolean outcomeUnknown() {
    return RESULT_UNKNOWN.equals(rpcd());
  }
}
