package io.shpay.chat;

import io.shpay.common.config.ChatConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation's turns in Redis: one list per user and conversation, so a conversation id guessed
 * from another user finds nothing. Only what the user wrote and what the assistant answered is kept
 * (tool results are looked up again when needed); at most {@code memory.maxTurns} question-and-answer
 * pairs, and the key expires {@code memory.ttl} after the last message.
 */
final class ConversationMemory {

  private static final String KEY = "shpay:chat:conversation:";

  private final RedisAPI redis;
  private final ChatConfig config;

  ConversationMemory(RedisAPI redis, ChatConfig config) {
    this.redis = redis;
    this.config = config;
  }

  /** Oldest first: {@code {role: "user"|"assistant", content}}. */
  Future<List<JsonObject>> turns(String userId, String conversationId) {
    return redis.lrange(key(userId, conversationId), "0", "-1").map(response -> {
      List<JsonObject> turns = new ArrayList<>();
      if (response != null) {
        for (Response item : response) {
          turns.add(new JsonObject(item.toString()));
        }
      }
      return turns;
    });
  }

  Future<Void> append(String userId, String conversationId, String question, String answer) {
    String key = key(userId, conversationId);
    int keep = config.memoryMaxTurns() * 2;
    return redis.rpush(List.of(key,
            new JsonObject().put("role", "user").put("content", question).encode(),
            new JsonObject().put("role", "assistant").put("content", answer).encode()))
        .compose(ignored -> redis.ltrim(key, Integer.toString(-keep), "-1"))
        .compose(ignored -> redis.pexpire(List.of(key, Long.toString(config.memoryTtl().toMillis()))))
        .mapEmpty();
  }

  /** Whether there was anything to forget. */
  Future<Boolean> forget(String userId, String conversationId) {
    return redis.del(List.of(key(userId, conversationId))).map(deleted -> deleted.toInteger() > 0);
  }

  private static String key(String userId, String conversationId) {
    return KEY + userId + ":" + conversationId;
  }
}
