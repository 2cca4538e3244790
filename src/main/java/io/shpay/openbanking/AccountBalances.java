package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Every linked account's balance at once, in the order of the account list; {@code total} sums the answered ones
 * and {@code complete} says whether every bank answered.
 */
@DataObject
public final class AccountBalances {

  private final List<AccountBalance> items;
  private final long total;
  private final boolean complete;

  public AccountBalances(List<AccountBalance> items, long total, boolean complete) {
    this.items = List.copyOf(items);
    this.total = total;
    this.complete = complete;
  }

  public AccountBalances(JsonObject json) {
    List<AccountBalance> list = new ArrayList<>();
    json.getJsonArray("items").forEach(item -> list.add(new AccountBalance((JsonObject) item)));
    this.items = List.copyOf(list);
    this.total = json.getLong("total");
    this.complete = json.getBoolean("complete");
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(item.toJson()));
    return new JsonObject().put("items", array).put("total", total).put("complete", complete);
  }

  public List<AccountBalance> items() {
    return items;
  }

  public long total() {
    return total;
  }

  public boolean complete() {
    return complete;
  }
}
