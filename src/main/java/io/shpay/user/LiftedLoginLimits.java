package io.shpay.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * What lifting the login limits changed: whether the account and the client address each had a counter that is
 * now gone. Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class LiftedLoginLimits {

  private final boolean account;
  private final boolean address;

  public LiftedLoginLimits(boolean account, boolean address) {
    this.account = account;
    this.address = address;
  }

  public LiftedLoginLimits(JsonObject json) {
    this(json.getBoolean("account"), json.getBoolean("address"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("account", account).put("address", address);
  }

  /** Whether the account had a counter that was lifted. */
  public boolean account() {
    return account;
  }

  /** Whether the client address had a counter that was lifted. */
  public boolean address() {
    return address;
  }
}
