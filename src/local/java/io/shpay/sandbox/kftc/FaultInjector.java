package io.shpay.sandbox.kftc;

import io.shpay.sandbox.PendingFaults;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/** {@link KftcFaults} keyed by request path; a failure carries KFTC's response codes. */
final class FaultInjector extends PendingFaults<FaultInjector.Failure> implements KftcFaults {

  /** The codes a {@code failNext} answers with; {@code bankRspCode} null for non-bank errors. */
  record Failure(String rspCode, String bankRspCode) {
  }

  private static final Pattern RSP_CODE = Pattern.compile("[A-Z][0-9]{4}");
  private static final Pattern BANK_RSP_CODE = Pattern.compile("[0-9]{3}");

  @Override
  public void failNext(String path, int times, String rspCode, String bankRspCode) {
    failNext(path, times, () -> {
      if (rspCode == null || !RSP_CODE.matcher(rspCode).matches()) {
        throw new IllegalArgumentException("rspCode must look like A0002 or O0001, got " + rspCode);
      }
      if (bankRspCode != null && !BANK_RSP_CODE.matcher(bankRspCode).matches()) {
        throw new IllegalArgumentException("bankRspCode must be 3 digits or null, got " + bankRspCode);
      }
      return new Failure(rspCode, bankRspCode);
    });
  }

  @Override
  protected void checkOperation(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must be a request path such as /v2.0/transfer/withdraw/fin_num, got " + path);
    }
  }

  @Override
  protected JsonObject describe(Failure failure) {
    return new JsonObject().put("rspCode", failure.rspCode()).put("bankRspCode", failure.bankRspCode());
  }

  /** {@code /sandbox/faults} answering a bad change in KFTC's envelope. */
  io.shpay.sandbox.FaultEndpoints endpoints() {
    return new io.shpay.sandbox.FaultEndpoints(this, "path",
        json -> failNext(json.getString("path"), json.getInteger("times", 1), json.getString("rspCode"),
            json.getString("bankRspCode")),
        reason -> new JsonObject()
            .put("rsp_code", RspCodes.FORMAT)
            .put("rsp_message", "expected {latencyMs, failNext:{path,times,rspCode,bankRspCode}, dropNext:{path,times}}: "
                + reason));
  }
}
