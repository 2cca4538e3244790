package io.shpay.sandbox.nh;

import io.shpay.sandbox.PendingFaults;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/** {@link NhFaults} keyed by API name; a failure carries NH's {@code Rpcd} and {@code Rsms}. */
final class FaultInjector extends PendingFaults<FaultInjector.Failure> implements NhFaults {

  /** What a {@code failNext} answers with; {@code rsms} null = the code's usual message. */
  record Failure(String rpcd, String rsms) {
  }

  private static final Pattern RPCD = Pattern.compile("[0-9A-Z]{5}");
  private static final int RSMS_MAX = 100;

  @Override
  public void failNext(String apiNm, int times, String rpcd, String rsms) {
    failNext(apiNm, times, () -> {
      if (rpcd == null || !RPCD.matcher(rpcd).matches()) {
        throw new IllegalArgumentException("rpcd must be 5 upper-case letters or digits such as E9999, got " + rpcd);
      }
      if (rsms != null && rsms.length() > RSMS_MAX) {
        throw new IllegalArgumentException("rsms must be at most " + RSMS_MAX + " characters, as on the wire");
      }
      return new Failure(rpcd, rsms);
    });
  }

  @Override
  protected void checkOperation(String apiNm) {
    if (apiNm == null || !ApiNames.ALL.contains(apiNm)) {
      throw new IllegalArgumentException("apiNm must be an NH API name such as DrawingTransfer (no path, no .nh), got "
          + apiNm);
    }
  }

  @Override
  protected JsonObject describe(Failure failure) {
    return new JsonObject().put("rpcd", failure.rpcd()).put("rsms", failure.rsms());
  }

  /** {@code /sandbox/faults} answering a bad change in NH's top-level {@code Rpcd}/{@code Rsms}. */
  io.shpay.sandbox.FaultEndpoints endpoints() {
    return new io.shpay.sandbox.FaultEndpoints(this, "apiNm",
        json -> failNext(json.getString("apiNm"), json.getInteger("times", 1), json.getString("rpcd"),
            json.getString("rsms")),
        reason -> new JsonObject()
            .put("Rpcd", Rpcd.FIELD)
            .put("Rsms", "expected {latencyMs, failNext:{apiNm,times,rpcd,rsms}, dropNext:{apiNm,times}}: " + reason));
  }
}
