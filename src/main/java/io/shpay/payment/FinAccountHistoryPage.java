package io.shpay.payment;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** One page of a FinAccount's history lines, newest first, and whether NH has more after it. */
@DataObject
public final class FinAccountHistoryPage {

  private final List<FinAccountLine> items;
  private final boolean more;

  public FinAccountHistoryPage(List<FinAccountLine> items, boolean more) {
    this.items = List.copyOf(items);
    this.more = more;
  }

  public FinAccountHistoryPage(JsonObject json) {
    List<FinAccountLine> lines = new ArrayList<>();
    json.getJsonArray("items").forEach(line -> lines.add(new FinAccountLine((JsonObject) line)));
    this.items = List.copyOf(lines);
    this.more = json.getBoolean("more");
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(line -> array.add(line.toJson()));
    return new JsonObject().put("items", array).put("more", more);
  }

  public List<FinAccountLine> items() {
    return items;
  }

  /** Whether NH has older lines in the same range. */
  public boolean more() {
    return more;
  }
}
