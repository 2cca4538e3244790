package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonObject;

/** What an endpoint answers; {@link KftcCalls} decides when (latency) and whether (drops) it is written. */
sealed interface Reply {

  record Json(int status, JsonObject body) implements Reply {
  }

  record Html(int status, String html) implements Reply {
  }

  /** A 302 to {@code location}, which may carry an authorization code and so is never logged. */
  record Redirect(String location) implements Reply {
  }

  static Reply json(JsonObject body) {
    return new Json(200, body);
  }
}
