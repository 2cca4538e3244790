package io.shpay.chat;

import io.shpay.common.config.ChatConfig;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client of any OpenAI-compatible Chat Completions endpoint ({@code POST {baseUrl}/chat/completions}):
 * OpenAI itself or a self-hosted server (vLLM, Ollama, llama.cpp). With a text consumer it asks for
 * {@code stream: true} and passes each piece of text on as it arrives (server-sent events, tool call
 * fragments assembled by index); without one it reads a single JSON answer.
 *
 * <p>Failures are {@code model_unavailable} (503: no connection, timed out, rate limited by the
 * provider) or {@code model_error} (502: an error status or an answer that is not a chat completion).
 * The API key is sent only as a header and never logged. A circuit breaker counts missing answers
 * (no connection, timeouts): while it is open, messages get {@code model_unavailable} at once
 * instead of each waiting for the timeout. It stays open for {@link #RESET_AFTER} of SH Pay's clock
 * (not a timer, so the wait is the injected clock's, like every other time rule); then the model is
 * tried again, and a trial that gets no answer opens it again at once.
 */
final class ModelClient {

  private static final Logger LOG = LoggerFactory.getLogger(ModelClient.class);
  private static final int MAX_ERROR_BODY = 300;

  private final HttpClient http;
  private final ChatConfig config;
  private final String url;
  private final Vertx vertx;
  private CircuitBreaker breaker;
  private final Clock clock;
  /** When the breaker last opened, by {@link #clock}. */
  private volatile Instant openedAt = Instant.MIN;
  /** The new breaker of a trial: a trial without an answer opens it again at once. */
  private CircuitBreaker onTrial;

  /** How long an open breaker refuses before the model is tried again. */
  static final Duration RESET_AFTER = Duration.ofSeconds(30);

  ModelClient(Vertx vertx, HttpClient http, ChatConfig config, Clock clock) {
    this.vertx = vertx;
    this.http = http;
    this.config = config;
    this.clock = clock;
    this.url = config.modelBaseUrl().orElseThrow() + "/chat/completions";
    this.breaker = newBreaker();
  }

  /**
   * No reset timer (-1): the reset is decided against the clock in {@link #complete}, which replaces an open breaker
   * with a new, closed one (Vert.x closes an open breaker only from its own timer).
   */
  private CircuitBreaker newBreaker() {
    CircuitBreaker created = CircuitBreaker.create("chat-model", vertx, new CircuitBreakerOptions().setMaxFailures(5)
        .setTimeout(-1).setResetTimeout(-1).setFailuresRollingWindow(60_000));
    // Calls still running on a replaced breaker may open it; only the current one's opening counts.
    return created.openHandler(opened -> {
      if (created == breaker) {
        openedAt = clock.instant();
      }
    });
  }

  /** Sends {@code body} through the breaker; only a missing answer counts against the model. */
  Future<ModelReply> complete(JsonObject body, Consumer<String> onText) {
    if (breaker.state() == CircuitBreakerState.OPEN) {
      if (clock.instant().isBefore(openedAt.plus(RESET_AFTER))) {
        return Failures.fail(ErrorCode.MODEL_UNAVAILABLE,
            "The assistant's language model is not answering at the moment; try again in a little while.");
      }
      breaker.close();
      breaker = newBreaker();
      onTrial = breaker;
    }
    CircuitBreaker breaker = this.breaker;
    return breaker.<Object>execute(() -> call(body, onText).<Object>map(reply -> reply)
            .recover(failure -> unavailable(failure) ? Future.failedFuture(failure) : Future.succeededFuture(failure)))
        .onComplete(outcome -> {
          if (breaker == onTrial) {
            onTrial = null;
            if (outcome.failed() && unavailable(outcome.cause())) {
              breaker.open();
            }
          }
        })
        .recover(failure -> unavailable(failure) ? Future.failedFuture(failure) : Failures.fail(ErrorCode.MODEL_UNAVAILABLE,
            "The assistant's language model is not answering at the moment; try again in a little while."))
        .compose(outcome -> outcome instanceof Throwable failure ? Future.failedFuture(failure)
            : Future.succeededFuture((ModelReply) outcome));
  }

  private static boolean unavailable(Throwable failure) {
    return failure instanceof ServiceException service && service.failureCode() == ErrorCode.MODEL_UNAVAILABLE.busCode();
  }

  /** Sends {@code body} (messages, tools…; the model name and stream flag are set here) and returns the assistant message. */
  private Future<ModelReply> call(JsonObject body, Consumer<String> onText) {
    boolean stream = onText != null;
    // max_tokens bounds what one answer can cost; streamed answers report their usage in a last chunk.
    JsonObject request = body.copy().put("model", config.modelName()).put("stream", stream)
        .put("max_tokens", config.maxTokens());
    if (stream) {
      request.put("stream_options", new JsonObject().put("include_usage", true));
    }
    long timeout = config.modelTimeout().toMillis();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(url)
        .setConnectTimeout(timeout)
        .setIdleTimeout(timeout)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.USER_AGENT, "SH-Pay/1")
        .putHeader(HttpHeaders.ACCEPT, stream ? "text/event-stream" : "application/json");
    config.modelApiKey().ifPresent(key -> options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key.reveal()));
    Future<ModelReply> reply = http.request(options)
        .compose(req -> req.send(request.toBuffer()))
        .compose(response -> {
          if (response.statusCode() != 200) {
            return response.body().compose(errorBody -> Future.failedFuture(statusFailure(response.statusCode(), errorBody)));
          }
          return stream ? readStream(response, onText) : response.body().map(ModelClient::parseCompletion);
        });
    // A streamed answer may legitimately take a while in total; the idle timeout guards it between pieces.
    Future<ModelReply> bounded = stream ? reply.timeout(timeout * 6, TimeUnit.MILLISECONDS)
        : reply.timeout(timeout, TimeUnit.MILLISECONDS);
    return bounded.recover(ModelClient::classify);
  }

  private static Future<ModelReply> classify(Throwable failure) {
    if (failure instanceof ServiceException) {
      return Future.failedFuture(failure);
    }
    LOG.warn("The language model could not be reached: {}", failure.toString());
    return Failures.fail(ErrorCode.MODEL_UNAVAILABLE,
        "The assistant's language model did not answer in time; try again later.");
  }

  private static ServiceException statusFailure(int status, Buffer body) {
    String text = body == null ? "" : body.toString();
    LOG.warn("The language model answered HTTP {}: {}", status,
        text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) : text);
    if (status == 429 || status == 503) {
      return Failures.of(ErrorCode.MODEL_UNAVAILABLE, "The assistant's language model is busy (HTTP " + status
          + "); try again later.");
    }
    return Failures.of(ErrorCode.MODEL_ERROR, "The assistant's language model failed (HTTP " + status + ").");
  }

  static ModelReply parseCompletion(Buffer body) {
    try {
      JsonObject json = body.toJsonObject();
      JsonObject message = json.getJsonArray("choices").getJsonObject(0).getJsonObject("message");
      return valid(new ModelReply(message.getString("content", ""), message.getJsonArray("tool_calls", new JsonArray()),
          usage(json)));
    } catch (DecodeException | ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
      throw Failures.of(ErrorCode.MODEL_ERROR, "The assistant's language model sent an answer SH Pay could not read.");
    }
  }

  /** Reads {@code data: {chunk}} lines until {@code data: [DONE]} or the end, assembling text and tool calls. */
  private static Future<ModelReply> readStream(HttpClientResponse response, Consumer<String> onText) {
    Promise<ModelReply> done = Promise.promise();
    StringBuilder text = new StringBuilder();
    TreeMap<Integer, JsonObject> calls = new TreeMap<>();
    long[] tokens = {0};
    RecordParser lines = RecordParser.newDelimited("\n", line -> {
      String data = line.toString().trim();
      if (!data.startsWith("data:") || done.future().isComplete()) {
        return;
      }
      data = data.substring(5).trim();
      if (data.equals("[DONE]")) {
        finish(done, text, calls, tokens[0]);
        return;
      }
      try {
        JsonObject chunk = new JsonObject(data);
        tokens[0] = Math.max(tokens[0], usage(chunk));
        JsonArray choices = chunk.getJsonArray("choices", new JsonArray());
        if (choices.isEmpty()) {
          return;
        }
        JsonObject delta = choices.getJsonObject(0).getJsonObject("delta", new JsonObject());
        String piece = delta.getString("content");
        if (piece != null && !piece.isEmpty()) {
          text.append(piece);
          onText.accept(piece);
        }
        for (Object raw : delta.getJsonArray("tool_calls", new JsonArray())) {
          mergeToolCall(calls, (JsonObject) raw);
        }
      } catch (DecodeException | ClassCastException e) {
        done.tryFail(Failures.of(ErrorCode.MODEL_ERROR, "The assistant's language model sent a stream SH Pay could not read."));
        response.request().reset();
      }
    });
    response.handler(lines);
    response.exceptionHandler(done::tryFail);
    response.endHandler(ignored -> finish(done, text, calls, tokens[0]));
    return done.future();
  }

  private static void mergeToolCall(TreeMap<Integer, JsonObject> calls, JsonObject fragment) {
    int index = fragment.getInteger("index", calls.size());
    JsonObject call = calls.computeIfAbsent(index, i -> new JsonObject().put("type", "function")
        .put("function", new JsonObject().put("name", "").put("arguments", "")));
    if (fragment.getString("id") != null) {
      call.put("id", fragment.getString("id"));
    }
    JsonObject function = fragment.getJsonObject("function", new JsonObject());
    JsonObject into = call.getJsonObject("function");
    if (function.getString("name") != null) {
      into.put("name", into.getString("name") + function.getString("name"));
    }
    if (function.getString("arguments") != null) {
      into.put("arguments", into.getString("arguments") + function.getString("arguments"));
    }
  }

  private static void finish(Promise<ModelReply> done, StringBuilder text, TreeMap<Integer, JsonObject> calls,
      long tokens) {
    try {
      done.tryComplete(assemble(text, calls).withTokens(tokens));
    } catch (ServiceException e) {
      done.tryFail(e);
    }
  }

  private static ModelReply assemble(StringBuilder text, TreeMap<Integer, JsonObject> calls) {
    JsonArray toolCalls = new JsonArray();
    calls.values().forEach(toolCalls::add);
    return valid(new ModelReply(text.toString(), toolCalls));
  }

  /** {@code usage.total_tokens} of a completion or of a stream's last chunk; 0 when absent. */
  private static long usage(JsonObject json) {
    Object usage = json.getValue("usage");
    return usage instanceof JsonObject object && object.getValue("total_tokens") instanceof Number n ? n.longValue() : 0;
  }

  /** Every tool call needs an id and a name to be answered; a model that omits them is broken. */
  private static ModelReply valid(ModelReply reply) {
    for (Object raw : reply.toolCalls()) {
      JsonObject call = (JsonObject) raw;
      JsonObject function = call.getJsonObject("function");
      if (call.getString("id") == null || function == null || function.getString("name", "").isEmpty()) {
        throw Failures.of(ErrorCode.MODEL_ERROR, "The assistant's language model asked for a tool without naming it.");
      }
    }
    return reply;
  }
}
