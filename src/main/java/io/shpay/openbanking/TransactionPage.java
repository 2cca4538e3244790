package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** One page of a linked account's transactions, newest first, and KFTC's continuation for the next (null on the last). */
@DataObject
public final class TransactionPage {

  private final List<AccountTransaction> items;
  private final String nextContinuation;

  public TransactionPage(List<AccountTransaction> items, String nextContinuation) {
    this.items = List.copyOf(items);
    this.nextContinuation = nextContinuation;
  }

  public TransactionPage(JsonObject json) {
    List<AccountTransaction> list = new ArrayList<>();
    json.getJsonArray("items").forEach(item -> list.add(new AccountTransaction((JsonObject) item)));
    this.items = List.copyOf(list);
    this.nextContinuation = json.getString("nextContinuation");
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(item.toJson()));
    return new JsonObject().put("items", array).put("nextContinuation", nextContinuation);
  }

  public List<AccountTransaction> items() {
    return items;
  }

  /** KFTC's {@code befor_inquiry_trace_info} for the next page, or null when this is the last. */
  public String nextContinuation() {
    return nextContinuation;
  }
}
