package io.shpay.sandbox.nh;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;

/**
 * {@code /sandbox/faults}: the {@link NhFaults} settings over HTTP for demos and configuration.
 * {@code POST} adds settings ({@code {latencyMs, failNext:{apiNm,times,rpcd,rsms},
 * dropNext:{apiNm,times}}}, each part optional), {@code DELETE} clears them all, {@code GET} shows
 * them. Every answer is the settings now in force. These paths are not NH's, so they are never
 * delayed, failed or dropped themselves.
 */
final class FaultEndpoints {

  static final String PATH = "/sandbox/faults";

  private final FaultInjector faults;

  FaultEndpoints(FaultInjector faults) {
    this.faults = faults;
  }

  void mount(Router router, BodyHandler bodies) {
    router.get(PATH).respond(ctx -> Future.succeededFuture(faults.snapshot()));
    router.post(PATH).handler(bodies).respond(this::change);
    router.delete(PATH).respond(ctx -> {
      faults.clear();
      return Future.succeededFuture(faults.snapshot());
    });
  }

  private Future<JsonObject> change(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new IllegalArgumentException("the body must be a JSON object");
      }
      if (body.containsKey("latencyMs")) {
        faults.latency(Duration.ofMillis(body.getLong("latencyMs")));
      }
      JsonObject failNext = body.getJsonObject("failNext");
      if (failNext != null) {
        faults.failNext(failNext.getString("apiNm"), failNext.getInteger("times", 1), failNext.getString("rpcd"),
            failNext.getString("rsms"));
      }
      JsonObject dropNext = body.getJsonObject("dropNext");
      if (dropNext != null) {
        faults.dropNext(dropNext.getString("apiNm"), dropNext.getInteger("times", 1));
      }
      return Future.succeededFuture(faults.snapshot());
    } catch (IllegalArgumentException | ClassCastException | NullPointerException | DecodeException e) {
      ctx.response().setStatusCode(400);
      return Future.succeededFuture(new JsonObject()
          .put("Rpcd", Rpcd.FIELD)
          .put("Rsms", "expected {latencyMs, failNext:{apiNm,times,rpcd,rsms}, dropNext:{apiNm,times}}: "
              + e.getMessage()));
    }
  }
}
