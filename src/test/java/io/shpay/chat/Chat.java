package io.shpay.chat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** Calls the chat API of a {@link BankingStack} and reads what it recorded. */
final class Chat {

  private final BankingStack stack;

  Chat(BankingStack stack) {
    this.stack = stack;
  }

  /** The stack's settings for a test class with the chat role (offline unless a model URL is added). */
  static JsonObject config() {
    return new JsonObject()
        .put("SHPAY_ROLES", "api,user,openbanking,payment,chat")
        .put("SHPAY_CHAT_RATE_LIMIT_PER_MINUTE", 6)
        .put("SHPAY_CHAT_MEMORY_MAX_TURNS", 2);
  }

  Future<HttpResponse<Buffer>> send(String token, String conversationId, String message) {
    JsonObject body = new JsonObject().put("message", message);
    if (conversationId != null) {
      body.put("conversationId", conversationId);
    }
    return stack.api().request(HttpMethod.POST, "/api/v1/chat/messages").bearerTokenAuthentication(token)
        .sendJsonObject(body);
  }

  /** Sends and expects a 200: the answer body. */
  Future<JsonObject> ask(String token, String message) {
    return send(token, null, message).map(response -> {
      if (response.statusCode() != 200) {
        throw new AssertionError("chat failed: " + response.statusCode() + " " + response.bodyAsString());
      }
      return response.bodyAsJsonObject();
    });
  }

  Future<HttpResponse<Buffer>> conversation(String token, String conversationId) {
    return stack.api().get("/api/v1/chat/conversations/" + conversationId, token);
  }

  /** The audit rows of one conversation, oldest first. */
  Future<List<Row>> audit(String conversationId) {
    var pool = io.vertx.mysqlclient.MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(stack.vertx()).build();
    return pool.preparedQuery("SELECT * FROM chat_tool_calls WHERE conversation_id = ? ORDER BY id")
        .execute(Tuple.of(conversationId))
        .map(rows -> {
          List<Row> all = new ArrayList<>();
          rows.forEach(all::add);
          return all;
        })
        .eventually(pool::close);
  }

  /** The account with this bank code among a linked user's accounts. */
  static JsonObject account(JsonObject user, String bankCode) {
    JsonArray accounts = user.getJsonArray("accounts");
    for (int i = 0; i < accounts.size(); i++) {
      if (bankCode.equals(accounts.getJsonObject(i).getString("bankCode"))) {
        return accounts.getJsonObject(i);
      }
    }
    throw new AssertionError("no account at bank " + bankCode + " in " + accounts.encode());
  }

  Future<Long> balance(String token, String accountId) {
    return stack.api().get("/api/v1/accounts/" + accountId + "/balance", token)
        .map(response -> response.bodyAsJsonObject().getLong("balance"));
  }

  static String won(long amount) {
    return String.format("%,d", amount);
  }
}
