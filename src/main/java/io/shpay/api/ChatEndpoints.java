package io.shpay.api;

import io.shpay.chat.ChatService;
import io.shpay.common.json.Ids;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * {@code /api/v1/chat}: messages to the assistant and the caller's remembered conversations. With
 * {@code Accept: text/event-stream} a reply streams as server-sent events while it is produced:
 * {@code delta} ({@code {text}}), {@code tool} ({@code {name}}), then {@code done} with the same body
 * the JSON answer has, or {@code error} with a problem document if it failed after streaming began.
 * A failure before the first event is an ordinary problem response.
 */
final class ChatEndpoints {

  private static final String STREAM_ADDRESS = "shpay.chat.stream.";

  private final Vertx vertx;
  private final ChatService chat;
  private final Authentication authentication;

  ChatEndpoints(Vertx vertx, ChatService chat, Authentication authentication) {
    this.vertx = vertx;
    this.chat = chat;
    this.authentication = authentication;
  }

  void mount(ApiOperations operations) {
    operations.on("sendChatMessage").handler(this::message);
    operations.on("getConversation")
        .respond(ctx -> chat.conversation(Caller.of(ctx).userId(), conversationId(ctx)).map(ChatJson::conversation));
    operations.on("forgetConversation")
        .respond(ctx -> chat.forget(Caller.of(ctx).userId(), conversationId(ctx)).map(forgotten -> {
          ctx.response().setStatusCode(204);
          return null;
        }));
  }


  private void message(RoutingContext ctx) {
    var body = Requests.json(ctx, Set.of("conversationId", "message"));
    String conversationId = body.optionalString("conversationId", 1, 64);
    if (conversationId != null && !Ids.isValid(conversationId)) {
      body.reject("conversationId", "must be an id this API returned");
    }
    String message = body.requiredString("message", 1, ChatService.MAX_MESSAGE_LENGTH);
    body.validate();
    String userId = Caller.of(ctx).userId();
    if (!wantsStream(ctx)) {
      chat.reply(userId, conversationId, message, null).onComplete(answer -> {
        if (answer.succeeded()) {
          ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
          ctx.json(ChatJson.answer(answer.result()));
        } else {
          ctx.fail(answer.cause());
        }
      });
      return;
    }
    HttpServerResponse response = ctx.response();
    MessageConsumer<JsonObject> pieces = vertx.eventBus().localConsumer(STREAM_ADDRESS + UUID.randomUUID(), piece -> {
      JsonObject event = piece.body();
      if ("text".equals(event.getString("type"))) {
        send(response, "delta", new JsonObject().put("text", event.getString("text")));
      } else {
        send(response, "tool", new JsonObject().put("name", event.getString("name")));
      }
    });
    pieces.completion()
        .compose(registered -> chat.reply(userId, conversationId, message, pieces.address()))
        .onComplete(answer -> {
          pieces.unregister();
          if (answer.succeeded()) {
            send(response, "done", ChatJson.answer(answer.result()));
            end(response);
          } else if (!response.headWritten()) {
            ctx.fail(answer.cause());
          } else {
            Problem problem = ProblemHandler.classify(answer.cause(), 500);
            String requestId = RequestIdHandler.requestId(ctx);
            ProblemHandler.log(ctx, problem, requestId, answer.cause());
            send(response, "error", problem.toJson(ctx.request().path(), requestId));
            end(response);
          }
        });
  }

  private static boolean wantsStream(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
  }

  private static void send(HttpServerResponse response, String event, JsonObject data) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (!response.headWritten()) {
      response.setStatusCode(200).setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .putHeader("X-Accel-Buffering", "no");
    }
    response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  private static void end(HttpServerResponse response) {
    if (!response.ended() && !response.closed()) {
      response.end();
    }
  }

  /** The contract has checked it is an id (one that is not is the 404 of a missing conversation). */
  private static String conversationId(RoutingContext ctx) {
    return ctx.pathParam("conversationId");
  }
}
