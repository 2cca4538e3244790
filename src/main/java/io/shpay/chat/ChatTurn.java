package io.shpay.chat;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** One remembered turn of a conversation: who spoke ({@code user} or {@code assistant}) and what was said. */
@DataObject
public final class ChatTurn {

  private final String role;
  private final String content;

  public ChatTurn(String role, String content) {
    this.role = role;
    this.content = content;
  }

  public ChatTurn(JsonObject json) {
    this(json.getString("role"), json.getString("content"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("role", role).put("content", content);
  }

  public String role() {
    return role;
  }

  public String content() {
    return content;
  }
}
