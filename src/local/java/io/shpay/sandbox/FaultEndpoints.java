package io.shpay.sandbox;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code /sandbox/faults}: a sandbox's {@link PendingFaults} over HTTP for demos and configuration.
 * {@code POST} adds settings ({@code {latencyMs, failNext:{operation,times,code,...}, dropNext:{operation,times}}},
 * each part optional; {@code failNext} and {@code dropNext} also take a list), {@code DELETE} clears them all, {@code GET} shows them. Every answer is the
 * settings now in force. These paths are not the bank's, so they are never delayed, failed or
 * dropped themselves.
 *
 * <p>Both sandboxes take the same body: {@code operation} (a KFTC request path or an NH API name;
 * the older {@code path}/{@code apiNm} still work), {@code times} (a count, default 1, or
 * {@code "always"}: until {@code DELETE}) and {@code code} (KFTC {@code rsp_code}, NH {@code Rpcd}),
 * plus each bank's extra ({@code bankCode} for KFTC's {@code bank_rsp_code}, {@code message} for
 * NH's {@code Rsms}). A refused change is a 400 in that bank's error envelope with an added
 * {@code error} field saying why, the same on both.
 */
public final class FaultEndpoints {

  public static final String PATH = "/sandbox/faults";

  private final PendingFaults<?> faults;
  private final String operationField;
  private final Consumer<JsonObject> failNext;
  private final Function<String, JsonObject> badRequest;
  private final Map<String, String> aliases;

  /**
   * @param operationField the JSON field naming the operation in {@code dropNext}
   * @param failNext       applies one {@code failNext} object to the faults
   * @param badRequest     the 400 body for a refused change, given the reason
   * @param aliases        the shared field names and this bank's own ones they stand for ({@code code} → {@code rpcd})
   */
  public FaultEndpoints(PendingFaults<?> faults, String operationField, Consumer<JsonObject> failNext,
      Function<String, JsonObject> badRequest, Map<String, String> aliases) {
    this.faults = faults;
    this.operationField = operationField;
    this.failNext = failNext;
    this.badRequest = badRequest;
    this.aliases = aliases;
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
      for (JsonObject fail : parts(body.getValue("failNext"))) {
        failNext.accept(shared(fail));
      }
      for (JsonObject drop : parts(body.getValue("dropNext"))) {
        JsonObject part = shared(drop);
        faults.dropNext(part.getString(operationField), part.getInteger("times"));
      }
      return Future.succeededFuture(faults.snapshot());
    } catch (IllegalArgumentException | ClassCastException | NullPointerException | DecodeException e) {
      ctx.response().setStatusCode(400);
      return Future.succeededFuture(badRequest.apply(e.getMessage()).put("error", String.valueOf(e.getMessage())));
    }
  }

  /** One fault object, or a list of them (to arm several operations in one request), or none. */
  private static List<JsonObject> parts(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof JsonObject one) {
      return List.of(one);
    }
    if (value instanceof JsonArray many) {
      List<JsonObject> parts = new ArrayList<>();
      for (Object item : many) {
        if (!(item instanceof JsonObject part)) {
          throw new IllegalArgumentException("failNext and dropNext lists hold objects, got " + item);
        }
        parts.add(part);
      }
      return parts;
    }
    throw new IllegalArgumentException("failNext and dropNext are an object or a list of objects, got " + value);
  }

  /** The part with the shared names turned into this bank's and {@code times} into a count. */
  private JsonObject shared(JsonObject part) {
    JsonObject own = part.copy();
    if (own.containsKey("operation")) {
      own.put(operationField, own.remove("operation"));
    }
    aliases.forEach((sharedName, ownName) -> {
      if (own.containsKey(sharedName)) {
        own.put(ownName, own.remove(sharedName));
      }
    });
    Object times = own.getValue("times");
    if (times == null) {
      own.put("times", 1);
    } else if ("always".equals(times)) {
      own.put("times", PendingFaults.UNTIL_RESET);
    } else if (!(times instanceof Integer) && !(times instanceof Long)) {
      throw new IllegalArgumentException("times must be a whole number of calls or \"always\", got " + times);
    }
    return own;
  }
}
