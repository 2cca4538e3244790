package io.shpay.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An HTTP endpoint standing in for a third party that SH Pay POSTs to (a merchant's webhook
 * receiver, Slack's incoming webhook). It records every request and answers with the statuses it
 * is told to, then 200.
 */
public final class HookReceiver {

  public record Received(String path, MultiMap headers, String body) {}

  /** As a status for {@link #answer}: the request is taken and never answered, so the sender times out. */
  public static final int NO_ANSWER = 0;

  private final Vertx vertx;
  private final List<Received> received = new ArrayList<>();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private HttpServer server;

  private HookReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Listens on {@code port} (0 for any free one). */
  public static Future<HookReceiver> start(Vertx vertx, int port) {
    HookReceiver receiver = new HookReceiver(vertx);
    return vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> {
          int status;
          synchronized (receiver) {
            receiver.received.add(new Received(request.path(), MultiMap.caseInsensitiveMultiMap()
                .addAll(request.headers()), body.toString()));
            status = receiver.answers.isEmpty() ? 200 : receiver.answers.poll();
          }
          if (status != NO_ANSWER) {
            request.response().setStatusCode(status).end(status == 200 ? "ok" : "not now");
          }
        }))
        .listen(port, "127.0.0.1")
        .map(server -> {
          receiver.server = server;
          return receiver;
        });
  }

  /** The next requests get these statuses, in order. */
  public synchronized HookReceiver answer(int... statuses) {
    for (int status : statuses) {
      answers.add(status);
    }
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  public Future<List<Received>> await(java.util.function.Predicate<List<Received>> done, String what) {
    return Eventually.until(vertx, () -> Future.succeededFuture(received()), done, what);
  }

  public Future<Void> close() {
    return server.close();
  }
}
