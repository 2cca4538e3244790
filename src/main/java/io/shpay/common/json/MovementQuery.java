package io.shpay.common.json;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The question for one page of a user's money movements, as each capability that holds some of them is asked it
 * (see {@link MovementPage}): from {@code fromAt} (inclusive) to {@code beforeAt} (exclusive); with a
 * {@code beforeId} (the last item of the previous page), items at exactly {@code beforeAt} with a smaller id still
 * come. {@code statuses} upper case (empty: all), at most {@code limit} items of each kind, and {@code kinds} the
 * kinds of movement asked for ({@code payment}, {@code refund}; empty: every kind the capability holds).
 *
 * <p>Its JSON form crosses the event bus and is what the API seals into a page's cursor, so its fields keep their
 * names; {@code kinds} is written only when some are named.
 */
@DataObject
public final class MovementQuery {

  private final Instant fromAt;
  private final Instant beforeAt;
  private final String beforeId;
  private final List<String> statuses;
  private final int limit;
  private final List<String> kinds;

  public MovementQuery(Instant fromAt, Instant beforeAt, String beforeId, List<String> statuses, int limit,
      List<String> kinds) {
    this.fromAt = fromAt;
    this.beforeAt = beforeAt;
    this.beforeId = beforeId == null ? "" : beforeId;
    this.statuses = List.copyOf(statuses);
    this.limit = limit;
    this.kinds = List.copyOf(kinds);
  }

  public MovementQuery(JsonObject json) {
    this(Instant.parse(json.getString("fromAt")), Instant.parse(json.getString("beforeAt")),
        json.getString("beforeId", ""), strings(json.getJsonArray("statuses")), json.getInteger("limit"),
        strings(json.getJsonArray("kinds")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("fromAt", fromAt.toString())
        .put("beforeAt", beforeAt.toString())
        .put("beforeId", beforeId)
        .put("statuses", new JsonArray(statuses))
        .put("limit", limit);
    if (!kinds.isEmpty()) {
      json.put("kinds", new JsonArray(kinds));
    }
    return json;
  }

  /** The same question for only these kinds of movement. */
  public MovementQuery ofKinds(List<String> onlyKinds) {
    return new MovementQuery(fromAt, beforeAt, beforeId, statuses, limit, onlyKinds);
  }

  /** Whether {@code kind} is asked for. */
  public boolean asks(String kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }

  public Instant fromAt() {
    return fromAt;
  }

  public Instant beforeAt() {
    return beforeAt;
  }

  /** The id of the previous page's last item, or empty on the first page. */
  public String beforeId() {
    return beforeId;
  }

  public List<String> statuses() {
    return statuses;
  }

  public int limit() {
    return limit;
  }

  public List<String> kinds() {
    return kinds;
  }

  private static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> list.add(item.toString()));
    }
    return list;
  }
}
