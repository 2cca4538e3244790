package io.shpay.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** A remembered conversation: its turns, oldest first. Its JSON form is only how it crosses the event bus. */
@DataObject
public final class ChatConversation {

  private final String conversationId;
  private final List<ChatTurn> turns;

  public ChatConversation(String conversationId, List<ChatTurn> turns) {
    this.conversationId = conversationId;
    this.turns = List.copyOf(turns);
  }

  public ChatConversation(JsonObject json) {
    this(json.getString("conversationId"), turns(json.getJsonArray("turns")));
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    turns.forEach(turn -> array.add(turn.toJson()));
    return new JsonObject().put("conversationId", conversationId).put("turns", array);
  }

  public String conversationId() {
    return conversationId;
  }

  public List<ChatTurn> turns() {
    return turns;
  }

  private static List<ChatTurn> turns(JsonArray array) {
    List<ChatTurn> list = new ArrayList<>();
    array.forEach(item -> list.add(new ChatTurn((JsonObject) item)));
    return list;
  }
}
