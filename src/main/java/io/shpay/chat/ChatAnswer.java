package io.shpay.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The assistant's reply to one message, in its conversation, with the tools it used in order. Its JSON form is only
 * how it crosses the event bus.
 */
@DataObject
public final class ChatAnswer {

  private final String conversationId;
  private final String reply;
  private final List<String> tools;

  public ChatAnswer(String conversationId, String reply, List<String> tools) {
    this.conversationId = conversationId;
    this.reply = reply;
    this.tools = List.copyOf(tools);
  }

  public ChatAnswer(JsonObject json) {
    this(json.getString("conversationId"), json.getString("reply"), strings(json.getJsonArray("tools")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("conversationId", conversationId).put("reply", reply).put("tools", new JsonArray(tools));
  }

  public String conversationId() {
    return conversationId;
  }

  public String reply() {
    return reply;
  }

  /** The names of the tools the assistant used, in order. */
  public List<String> tools() {
    return tools;
  }

  private static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>();
    array.forEach(item -> list.add((String) item));
    return list;
  }
}
