package io.shpay.sim;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Idempotency truth: once the faults are over and reconciliation has run (so nothing can still be running
 * anywhere), every Idempotency-Key a client used is replayed. No key may still answer "in progress", a replay that names a payment or refund must give
 * its current state, and every payment and refund SH Pay created must be told by the replay of some key,
 * or its client could never learn that it was charged (and pays again under a new key).
 */
final class KeyReplays {

  /** What one replay answered. */
  record Replay(Workload.Keyed request, int status, JsonObject body) {
    String describe() {
      return request.what() + " key " + Workload.shortId(request.key()) + " replays " + status + " "
          + Workload.outcome(body);
    }
  }

  private final List<Replay> replays = new ArrayList<>();

  /** Replays every request; {@code fresh} gives the caller's current access token for the one it was sent with. */
  static Future<KeyReplays> replay(SimClient client, List<Workload.Keyed> requests, Map<String, String> fresh, Trace trace) {
    KeyReplays result = new KeyReplays();
    Future<Void> chain = Future.succeededFuture();
    for (Workload.Keyed request : requests) {
      String bearer = request.bearer() == null ? null : fresh.getOrDefault(request.bearer(), request.bearer());
      chain = chain.compose(previous -> client.send(HttpMethod.POST, request.path(), bearer, request.apiKey(),
              request.key(), request.body())
          .map(response -> new Replay(request, response.statusCode(), Workload.json(response)))
          .otherwise(failure -> new Replay(request, 0, new JsonObject().put("code", failure.toString())))
          .map(replay -> {
            result.replays.add(replay);
            trace.add("replay: " + replay.describe());
            return null;
          }));
    }
    return chain.map(result);
  }

  List<String> check(MoneyRecords records) {
    List<String> violations = new ArrayList<>();
    Map<String, JsonObject> payments = records.payments().stream().collect(Collectors.toMap(p -> p.getString("id"), Function.identity()));
    Map<String, JsonObject> refunds = records.refunds().stream().collect(Collectors.toMap(r -> r.getString("id"), Function.identity()));
    for (Replay replay : replays) {
      if (replay.status() == 409 && "request_in_progress".equals(replay.body().getString("code"))) {
        violations.add(replay.describe() + " although every request finished long ago");
      }
      String id = replay.body().getString("id");
      JsonObject row = id == null ? null : payments.containsKey(id) ? payments.get(id) : refunds.get(id);
      if (row != null && replay.body().getValue("status") instanceof String told && !told.equals(row.getString("status"))) {
        violations.add(replay.describe() + " but " + Workload.shortId(id) + " is " + row.getString("status"));
      }
    }
    for (JsonObject payment : records.payments()) {
      untold("payment", payment, "/api/v1/checkouts/" + payment.getString("checkout_id") + "/pay", violations);
    }
    for (JsonObject refund : records.refunds()) {
      untold("refund", refund, "/api/v1/payments/" + refund.getString("payment_id") + "/refunds", violations);
    }
    return violations;
  }

  /** A row no replay of its request's keys names: the client was told something else for good. */
  private void untold(String kind, JsonObject row, String path, List<String> violations) {
    String id = row.getString("id");
    List<Replay> same = replays.stream().filter(r -> r.request().path().equals(path)).toList();
    boolean told = same.stream().anyMatch(r -> id.equals(r.body().getString("id"))
        || r.body().getString("detail", "").contains(id));
    if (!told) {
      violations.add(kind + " " + Workload.shortId(id) + " (" + row.getString("status") + ", " + row.getLong("amount")
          + " won) is told by no Idempotency-Key: " + same.stream().map(r -> Workload.shortId(r.request().key()) + " replays "
          + r.status() + " " + Workload.outcome(r.body())).toList());
    }
  }
}
