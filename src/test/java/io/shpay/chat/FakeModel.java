package io.shpay.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible Chat Completions server for tests, started before the stack so its URL goes
 * into the stack's configuration. It checks what SH Pay sends (key, model, system prompt, tool
 * schemas; a request that breaks the contract gets a 400, which SH Pay reports as model_error),
 * records every request, and answers by markers in the user's message:
 * {@code [balance]} calls get_balance then echoes the tool result; {@code [inject id]} calls
 * get_balance for that account id as "another user"; {@code [loop]} calls tools forever;
 * {@code [error500]}, {@code [garbage]}, {@code [slow]} (never answers), {@code [drop]} (closes the
 * connection) fail; {@code [hold]} stops a streamed answer after its first piece until {@link #release()}.
 * Answers are JSON, or server-sent event chunks when the request says {@code stream: true}.
 */
final class FakeModel implements BeforeAllCallback, AfterAllCallback {

  static final String NAME = "shpay-test-model";
  static final String KEY = "sk-test-0123456789";
  static final Set<String> TOOLS = Set.of("list_accounts", "get_balance", "list_transactions", "list_payments", "explain_term");
  private static final Pattern INJECT = Pattern.compile("\\[inject ([^\\]]+)\\]");

  record Recorded(String authorization, JsonObject body) {

    String lastUserMessage() {
      JsonArray messages = body.getJsonArray("messages");
      for (int i = messages.size() - 1; i >= 0; i--) {
        if ("user".equals(messages.getJsonObject(i).getString("role"))) {
          return messages.getJsonObject(i).getString("content");
        }
      }
      return "";
    }

    JsonObject lastMessage() {
      JsonArray messages = body.getJsonArray("messages");
      return messages.getJsonObject(messages.size() - 1);
    }
  }

  private final JsonObject stackConfig;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Promise<Void> gate = Promise.promise();
  private Vertx vertx;
  private HttpServer server;

  FakeModel(JsonObject stackConfig) {
    this.stackConfig = stackConfig;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    stackConfig
        .put("SHPAY_CHAT_MODEL_BASE_URL", "http://127.0.0.1:" + server.actualPort() + "/v1")
        .put("SHPAY_CHAT_MODEL_NAME", NAME)
        .put("SHPAY_CHAT_MODEL_API_KEY", KEY)
        .put("SHPAY_CHAT_MODEL_TIMEOUT", "PT5S")
        .put("SHPAY_CHAT_MAX_TOOL_STEPS", 2);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Every request whose user message contains {@code marker}, in order. */
  List<Recorded> requestsFor(String marker) {
    List<Recorded> found = new ArrayList<>();
    requests.stream().filter(r -> r.lastUserMessage().contains(marker)).forEach(found::add);
    return found;
  }

  /** Lets a held stream go on. */
  void release() {
    gate.tryComplete();
  }

  private void handle(HttpServerRequest request) {
    if (!request.path().equals("/v1/chat/completions")) {
      request.response().setStatusCode(404).end();
      return;
    }
    request.body().onSuccess(buffer -> answer(request, buffer));
  }

  private void answer(HttpServerRequest request, Buffer buffer) {
    JsonObject body = buffer.toJsonObject();
    Recorded recorded = new Recorded(request.getHeader("Authorization"), body);
    requests.add(recorded);
    HttpServerResponse response = request.response();
    String problem = contractProblem(recorded);
    if (problem != null) {
      response.setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", new JsonObject().put("message", problem)).encode());
      return;
    }
    String user = recorded.lastUserMessage();
    JsonObject last = recorded.lastMessage();
    boolean afterTool = "tool".equals(last.getString("role"));
    boolean stream = body.getBoolean("stream", false);
    if (user.contains("[error500]")) {
      response.setStatusCode(500).putHeader("Content-Type", "application/json")
          .end("{\"error\":{\"message\":\"The server had an error while processing your request.\"}}");
    } else if (user.contains("[garbage]")) {
      response.setStatusCode(200).putHeader("Content-Type", "text/html").end("<html>Bad gateway</html>");
    } else if (user.contains("[slow]")) {
      return; // never answers; SH Pay's timeout must end the wait
    } else if (user.contains("[drop]")) {
      request.connection().close();
    } else if (user.contains("[loop]")) {
      reply(response, stream, false, toolCall("call_loop_" + requests.size(), "explain_term", new JsonObject().put("term", "APR")));
    } else if (INJECT.matcher(user).find() && !afterTool) {
      Matcher m = INJECT.matcher(user);
      m.find();
      reply(response, stream, false, toolCall("call_1", "get_balance",
          new JsonObject().put("account_id", m.group(1)).put("user_id", "the-other-user")));
    } else if (user.contains("[balance]") && !afterTool) {
      reply(response, stream, false, toolCall("call_1", "get_balance", new JsonObject()));
    } else if (afterTool) {
      reply(response, stream, user.contains("[hold]"), text("Here is what I found: " + last.getString("content")));
    } else {
      reply(response, stream, user.contains("[hold]"), text("Hello from the model."));
    }
  }

  /** What SH Pay must always send; null when the request keeps the contract. */
  private static String contractProblem(Recorded recorded) {
    JsonObject body = recorded.body();
    if (!("Bearer " + KEY).equals(recorded.authorization())) {
      return "missing or wrong Authorization header";
    }
    if (!NAME.equals(body.getString("model"))) {
      return "wrong model " + body.getString("model");
    }
    JsonObject system = body.getJsonArray("messages").getJsonObject(0);
    if (!"system".equals(system.getString("role")) || !system.getString("content").contains("Read-only")
        || !system.getString("content").contains("Only the signed-in user's own data")
        || !system.getString("content").contains("AI assistant")) {
      return "the first message is not SH Pay's system prompt";
    }
    JsonArray tools = body.getJsonArray("tools", new JsonArray());
    Set<String> names = new java.util.HashSet<>();
    for (Object raw : tools) {
      JsonObject function = ((JsonObject) raw).getJsonObject("function");
      names.add(function.getString("name"));
      JsonObject parameters = function.getJsonObject("parameters");
      if (!"object".equals(parameters.getString("type")) || parameters.getBoolean("additionalProperties", true)
          || parameters.getJsonObject("properties").fieldNames().stream().anyMatch(p -> p.contains("user"))) {
        return "tool " + function.getString("name") + " has a bad schema";
      }
    }
    return names.equals(TOOLS) ? null : "tools are " + names;
  }

  private static JsonObject text(String content) {
    return new JsonObject().put("role", "assistant").put("content", content);
  }

  private static JsonObject toolCall(String id, String name, JsonObject arguments) {
    return new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray().add(new JsonObject()
        .put("id", id).put("type", "function")
        .put("function", new JsonObject().put("name", name).put("arguments", arguments.encode()))));
  }

  private void reply(HttpServerResponse response, boolean stream, boolean hold, JsonObject message) {
    if (!stream) {
      response.putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("id", "chatcmpl-test").put("object", "chat.completion").put("model", NAME)
          .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("message", message)
              .put("finish_reason", message.containsKey("tool_calls") ? "tool_calls" : "stop")))
          .encode());
      return;
    }
    response.setChunked(true).putHeader("Content-Type", "text/event-stream");
    List<JsonObject> deltas = new ArrayList<>();
    if (message.containsKey("tool_calls")) {
      JsonObject call = message.getJsonArray("tool_calls").getJsonObject(0);
      String arguments = call.getJsonObject("function").getString("arguments");
      int half = arguments.length() / 2;
      deltas.add(new JsonObject().put("role", "assistant").put("tool_calls", new JsonArray().add(new JsonObject()
          .put("index", 0).put("id", call.getString("id")).put("type", "function")
          .put("function", new JsonObject().put("name", call.getJsonObject("function").getString("name"))
              .put("arguments", arguments.substring(0, half))))));
      deltas.add(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject()
          .put("index", 0).put("function", new JsonObject().put("arguments", arguments.substring(half))))));
    } else {
      for (String piece : message.getString("content").split("(?<= )")) {
        deltas.add(new JsonObject().put("content", piece));
      }
    }
    Future<Void> rest = Future.succeededFuture();
    for (int i = 0; i < deltas.size(); i++) {
      JsonObject delta = deltas.get(i);
      rest = rest.compose(ignored -> response.write(chunk(delta)));
      if (i == 0 && hold) {
        gate = Promise.promise();
        Future<Void> opened = gate.future();
        rest = rest.compose(ignored -> opened);
      }
    }
    rest.compose(ignored -> response.end("data: [DONE]\n\n"));
  }

  private static String chunk(JsonObject delta) {
    return "data: " + new JsonObject().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta))).encode() + "\n\n";
  }
}
