package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A recorded transfer: {@code REQUESTED} while the bank is being asked, then {@code APPROVED},
 * {@code FAILED} (with the bank's code and message) or {@code UNKNOWN} until settled through
 * KFTC's transfer/result.
 */
@DataObject
public final class TransferView {

  private final JsonObject json;

  public TransferView(JsonObject json) {
    this.json = json.copy();
  }

  public JsonObject toJson() {
    return json.copy();
  }

  public String id() {
    return json.getString("id");
  }

  public String status() {
    return json.getString("status");
  }
}
