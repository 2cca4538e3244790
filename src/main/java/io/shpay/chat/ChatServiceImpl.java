package io.shpay.chat;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.json.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/** {@link ChatService}: limits, memory, then the model assistant or, with no model configured, the offline one. */
final class ChatServiceImpl implements ChatService {

  /** Answers the offline assistant or the model gives; the choice is made once, from configuration. */
  interface Assistant {
    Future<Answer> answer(ToolRunner.Session session, List<JsonObject> history, String message, ChatSink sink);
  }

  private final Vertx vertx;
  private final Assistant assistant;
  private final ConversationMemory memory;
  private final ChatRateLimit rateLimit;

  ChatServiceImpl(Vertx vertx, Assistant assistant, ConversationMemory memory, ChatRateLimit rateLimit) {
    this.vertx = vertx;
    this.assistant = assistant;
    this.memory = memory;
    this.rateLimit = rateLimit;
  }

  @Override
  public Future<ChatAnswer> reply(String userId, String conversationId, String message, String streamAddress) {
    if (message == null || message.isBlank() || message.length() > MAX_MESSAGE_LENGTH) {
      return Future.failedFuture(Failures.invalid("message", "must be 1 to " + MAX_MESSAGE_LENGTH + " characters"));
    }
    if (conversationId != null && !Ids.isValid(conversationId)) {
      return Future.failedFuture(Failures.invalid("conversationId", "must be an id this API returned"));
    }
    String conversation = conversationId == null ? UUID.randomUUID().toString() : conversationId;
    ToolRunner.Session session = new ToolRunner.Session(userId, conversation);
    ChatSink sink = streamAddress == null ? ChatSink.NONE : new EventBusSink(vertx, streamAddress);
    return rateLimit.admit(userId)
        .compose(ignored -> memory.turns(userId, conversation))
        .compose(history -> assistant.answer(session, history, message.strip(), sink))
        .compose(answer -> memory.append(userId, conversation, message.strip(), answer.reply())
            .map(ignored -> answer.in(conversation)));
  }

  @Override
  public Future<ChatConversation> conversation(String userId, String conversationId) {
    if (!Ids.isValid(conversationId)) {
      return Future.failedFuture(Failures.invalid("conversationId", "must be an id this API returned"));
    }
    // Another user's conversation and one that never was are the same: not found.
    return memory.turns(userId, conversationId).compose(turns -> turns.isEmpty() ? notFound()
        : Future.succeededFuture(new ChatConversation(conversationId, turns.stream()
            .map(turn -> new ChatTurn(turn.getString("role"), turn.getString("content"))).toList())));
  }

  @Override
  public Future<Void> forget(String userId, String conversationId) {
    if (!Ids.isValid(conversationId)) {
      return Future.failedFuture(Failures.invalid("conversationId", "must be an id this API returned"));
    }
    return memory.forget(userId, conversationId).compose(forgotten -> forgotten ? Future.<Void>succeededFuture()
        : notFound());
  }

  private static <T> Future<T> notFound() {
    return Failures.fail(ErrorCode.NOT_FOUND, "No conversation with this id.");
  }

  /** Sends pieces to the API verticle that streams this reply; local delivery keeps their order. */
  private record EventBusSink(Vertx vertx, String address) implements ChatSink {

    @Override
    public void text(String piece) {
      vertx.eventBus().send(address, new JsonObject().put("type", "text").put("text", piece));
    }

    @Override
    public void tool(String name) {
      vertx.eventBus().send(address, new JsonObject().put("type", "tool").put("name", name));
    }

    @Override
    public boolean streaming() {
      return true;
    }
  }
}
