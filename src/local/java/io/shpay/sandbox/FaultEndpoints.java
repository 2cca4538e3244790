package io.shpay.sandbox;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code /sandbox/faults}: a sandbox's {@link PendingFaults} over HTTP for demos and configuration.
 * {@code POST} adds settings ({@code {latencyMs, failNext:{...}, dropNext:{OPERATION,times}}}, each
 * part optional), {@code DELETE} clears them all, {@code GET} shows them. Every answer is the
 * settings now in force. These paths are not the bank's, so they are never delayed, failed or
 * dropped themselves. What differs per sandbox is passed in: the name of the operation field, how
 * a {@code failNext} object is read, and how a bad request looks in that bank's error envelope.
 */
public final class FaultEndpoints {

  public static final String PATH = "/sandbox/faults";

  private final PendingFaults<?> faults;
  private final String operationField;
  private final Consumer<JsonObject> failNext;
  private final Function<String, JsonObject> badRequest;

  /**
   * @param operationField the JSON field naming the operation in {@code dropNext}
   * @param failNext       applies one {@code failNext} object to the faults
   * @param badRequest     the 400 body for a refused change, given the reason
   */
  public FaultEndpoints(PendingFaults<?> faults, String operationField, Consumer<JsonObject> failNext,
      Function<String, JsonObject> badRequest) {
    this.faults = faults;
    this.operationField = operationField;
    this.failNext = failNext;
    this.badRequest = badRequest;
  }

  public void mount(Router router, BodyHandler bodies) {
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
      JsonObject fail = body.getJsonObject("failNext");
      if (fail != null) {
        failNext.accept(fail);
      }
      JsonObject drop = body.getJsonObject("dropNext");
      if (drop != null) {
        faults.dropNext(drop.getString(operationField), drop.getInteger("times", 1));
      }
      return Future.succeededFuture(faults.snapshot());
    } catch (IllegalArgumentException | ClassCastException | NullPointerException | DecodeException e) {
      ctx.response().setStatusCode(400);
      return Future.succeededFuture(badRequest.apply(e.getMessage()));
    }
  }
}
