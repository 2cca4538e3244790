package io.shpay.api;

import io.shpay.chat.ChatAnswer;
import io.shpay.chat.ChatConversation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The REST bodies of the chat assistant, field by field: an answer (also the {@code done} event) and a conversation. */
final class ChatJson {

  private ChatJson() {}

  static JsonObject answer(ChatAnswer answer) {
    return new JsonObject()
        .put("conversationId", answer.conversationId())
        .put("reply", answer.reply())
        .put("tools", new JsonArray(answer.tools()));
  }

  static JsonObject conversation(ChatConversation conversation) {
    JsonArray turns = new JsonArray();
    conversation.turns().forEach(turn -> turns.add(new JsonObject().put("role", turn.role()).put("content", turn.content())));
    return new JsonObject().put("conversationId", conversation.conversationId()).put("turns", turns);
  }
}
