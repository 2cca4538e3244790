package io.shpay.history;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** One page of history entries, newest first, and the cursor of the next page (null on the last). */
@DataObject
public final class HistoryPage {

  private final List<HistoryEntry> items;
  private final String nextCursor;

  public HistoryPage(List<HistoryEntry> items, String nextCursor) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
  }

  public HistoryPage(JsonObject json) {
    List<HistoryEntry> items = new ArrayList<>();
    json.getJsonArray("items").forEach(item -> items.add(new HistoryEntry((JsonObject) item)));
    this.items = List.copyOf(items);
    this.nextCursor = json.getString("nextCursor");
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(item.toJson()));
    return new JsonObject().put("items", array).put("nextCursor", nextCursor);
  }

  public List<HistoryEntry> items() {
    return items;
  }

  public String nextCursor() {
    return nextCursor;
  }
}
