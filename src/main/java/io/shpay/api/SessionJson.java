package io.shpay.api;

import io.shpay.user.LiftedLoginLimits;
import io.shpay.user.SessionView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The REST bodies of sign-in sessions and lifted login limits, field by field. */
final class SessionJson {

  private SessionJson() {}

  static JsonObject sessions(List<SessionView> sessions) {
    JsonArray items = new JsonArray();
    sessions.forEach(session -> items.add(new JsonObject()
        .put("id", session.id())
        .put("current", session.current())
        .put("startedAt", session.startedAt().toString())
        .put("lastActiveAt", session.lastActiveAt().toString())
        .put("expiresAt", session.expiresAt().toString())
        .put("clientAddress", session.clientAddress())));
    return new JsonObject().put("items", items);
  }

  static JsonObject liftedLimits(LiftedLoginLimits lifted) {
    return new JsonObject().put("account", lifted.account()).put("address", lifted.address());
  }
}
