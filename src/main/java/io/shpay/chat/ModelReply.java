package io.shpay.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One assistant message from the model: its text (may be empty when it only calls tools), the
 * tool calls it asked for, in the OpenAI shape {@code [{id, type:"function", function:{name, arguments}}]},
 * and the tokens the call cost ({@code usage.total_tokens}; 0 when the model did not say).
 */
record ModelReply(String content, JsonArray toolCalls, long tokens) {

  ModelReply(String content, JsonArray toolCalls) {
    this(content, toolCalls, 0);
  }

  ModelReply withTokens(long used) {
    return new ModelReply(content, toolCalls, used);
  }

  boolean wantsTools() {
    return toolCalls != null && !toolCalls.isEmpty();
  }

  /** The message as it goes back into the conversation sent to the model. */
  JsonObject asMessage() {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", content == null ? "" : content);
    if (wantsTools()) {
      message.put("tool_calls", toolCalls);
    }
    return message;
  }
}
