package io.shpay.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The assistant's reply to one message and the tools it used, in order. */
record Answer(String reply, List<String> tools) {

  JsonObject toJson(String conversationId) {
    return new JsonObject().put("conversationId", conversationId).put("reply", reply).put("tools", new JsonArray(tools));
  }
}
