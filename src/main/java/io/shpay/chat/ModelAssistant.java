package io.shpay.chat;

import io.shpay.common.config.ChatConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers with a language model: the system prompt, the remembered turns and the new message go to
 * the model with the tool schemas; each tool call it makes runs through {@link ToolRunner} for the
 * signed-in user and its result goes back, until the model answers in words or
 * {@code chat.maxToolSteps} round trips with tools have been used.
 */
final class ModelAssistant {

  private final ModelClient model;
  private final ChatRateLimit budget;
  private final ToolRunner tools;
  private final ChatConfig config;
  private final BankTime time;

  ModelAssistant(ModelClient model, ToolRunner tools, ChatConfig config, BankTime time, ChatRateLimit budget) {
    this.model = model;
    this.budget = budget;
    this.tools = tools;
    this.config = config;
    this.time = time;
  }

  Future<Answer> answer(ToolRunner.Session session, List<JsonObject> history, String message, ChatSink sink) {
    JsonArray messages = new JsonArray().add(new JsonObject().put("role", "system").put("content", SystemPrompt.text(time.today())));
    history.forEach(messages::add);
    messages.add(new JsonObject().put("role", "user").put("content", message));
    return step(session, messages, sink, new ArrayList<>(), new StringBuilder(), 0);
  }

  private Future<Answer> step(ToolRunner.Session session, JsonArray messages, ChatSink sink, List<String> used,
      StringBuilder said, int toolSteps) {
    JsonObject request = new JsonObject().put("messages", messages).put("tools", ToolCatalog.schemas());
    return model.complete(request, sink.streaming() ? sink::text : null)
        .compose(reply -> budget.spend(session.userId(), cost(request, reply)).map(reply))
        .compose(reply -> {
          if (reply.content() != null) {
            said.append(reply.content());
          }
          if (!reply.wantsTools()) {
            if (said.toString().isBlank()) {
              return Failures.fail(ErrorCode.MODEL_ERROR, "The assistant's language model gave an empty answer.");
            }
            return Future.succeededFuture(new Answer(said.toString(), List.copyOf(used)));
          }
          if (toolSteps >= config.maxToolSteps()) {
            String stop = korean(messages) ? "조회를 너무 여러 번 해야 해서 여기서 멈출게요. 질문을 조금 더 구체적으로 해 주세요."
                : "That needed too many look-ups, so I stopped. Please ask a more specific question.";
            sink.text(stop);
            said.append(stop);
            return Future.succeededFuture(new Answer(said.toString(), List.copyOf(used)));
          }
          messages.add(reply.asMessage());
          return runAll(session, reply.toolCalls(), 0, messages, sink, used)
              .compose(ignored -> step(session, messages, sink, used, said, toolSteps + 1));
        });
  }

  /** Tool calls run one after another, each result appended as a {@code tool} message answering its call id. */
  private Future<Void> runAll(ToolRunner.Session session, JsonArray calls, int index, JsonArray messages, ChatSink sink,
      List<String> used) {
    if (index >= calls.size()) {
      return Future.succeededFuture();
    }
    JsonObject call = calls.getJsonObject(index);
    JsonObject function = call.getJsonObject("function");
    String name = function.getString("name");
    used.add(name);
    sink.tool(name);
    return tools.run(session, name, function.getString("arguments")).compose(result -> {
      messages.add(new JsonObject().put("role", "tool").put("tool_call_id", call.getString("id"))
          .put("content", result.content().encode()));
      return runAll(session, calls, index + 1, messages, sink, used);
    });
  }

  /** What the model said the call cost, or about four characters a token when it did not say. */
  private static long cost(JsonObject request, ModelReply reply) {
    if (reply.tokens() > 0) {
      return reply.tokens();
    }
    long characters = request.encode().length() + (reply.content() == null ? 0 : reply.content().length());
    return Math.max(1, characters / 4);
  }

  private static boolean korean(JsonArray messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonObject m = messages.getJsonObject(i);
      if ("user".equals(m.getString("role"))) {
        return IntentParser.isKorean(m.getString("content", ""));
      }
    }
    return false;
  }
}
