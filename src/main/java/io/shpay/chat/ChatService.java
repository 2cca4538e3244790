package io.shpay.chat;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The chat assistant, served by {@link ChatVerticle}. Every method acts for {@code userId}, which
 * the caller takes from a verified session; conversations are kept per user, so another user's
 * conversation id finds nothing.
 *
 * <p>Failures: {@code rate_limited}, {@code validation_failed}, {@code model_unavailable} (503),
 * {@code model_error} (502).
 */
@ProxyGen
@VertxGen
public interface ChatService {

  String ADDRESS = "shpay.chat";

  /** Longest message accepted, in characters. */
  int MAX_MESSAGE_LENGTH = 2000;

  /** A proxy whose calls may wait as long as the longest answer can take (several model calls). */
  static ChatService proxy(Vertx vertx, long sendTimeoutMillis) {
    return new ChatServiceVertxEBProxy(vertx, ADDRESS, new DeliveryOptions().setSendTimeout(sendTimeoutMillis));
  }

  /**
   * Answers {@code message} in the conversation ({@code null}: a new one). With a {@code streamAddress}, the reply is also sent there while it is produced,
   * as {@code {type: "text", text}} and {@code {type: "tool", name}} messages, before this returns.
   */
  Future<ChatAnswer> reply(String userId, String conversationId, String message, String streamAddress);

  /** The remembered turns, oldest first; {@code not_found} when forgotten or not the user's. */
  Future<ChatConversation> conversation(String userId, String conversationId);

  Future<Void> forget(String userId, String conversationId);
}
