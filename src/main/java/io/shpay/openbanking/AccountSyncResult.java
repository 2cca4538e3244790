package io.shpay.openbanking;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading KFTC's account list again changed: how many accounts appeared, how many the bank closed, how many
 * KFTC listed that the person does not hold (left unlinked), and the linked accounts now.
 */
@DataObject
public final class AccountSyncResult {

  private final int added;
  private final int closed;
  private final int notHeld;
  private final List<AccountView> items;

  public AccountSyncResult(int added, int closed, int notHeld, List<AccountView> items) {
    this.added = added;
    this.closed = closed;
    this.notHeld = notHeld;
    this.items = List.copyOf(items);
  }

  public AccountSyncResult(JsonObject json) {
    List<AccountView> list = new ArrayList<>();
    json.getJsonArray("items").forEach(item -> list.add(new AccountView((JsonObject) item)));
    this.added = json.getInteger("added");
    this.closed = json.getInteger("closed");
    this.notHeld = json.getInteger("notHeld");
    this.items = List.copyOf(list);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(item.toJson()));
    return new JsonObject().put("added", added).put("closed", closed).put("notHeld", notHeld).put("items", array);
  }

  public int added() {
    return added;
  }

  public int closed() {
    return closed;
  }

  public int notHeld() {
    return notHeld;
  }

  public List<AccountView> items() {
    return items;
  }
}
