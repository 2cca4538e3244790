package io.shpay.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real HTTP client reading a Server-Sent Events stream the way a browser's EventSource does:
 * frames separated by a blank line, {@code id:}, {@code event:} and {@code data:} fields, comment
 * lines starting with a colon.
 */
public final class SseClient {

  public record Event(String id, String event, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final List<Event> events = new ArrayList<>();
  private final List<String> comments = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private volatile MultiMap headers;

  private SseClient(Vertx vertx, HttpClient http) {
    this.vertx = vertx;
    this.http = http;
  }

  /** Opens the stream; fails with the status and body when the server answers anything but 200. */
  public static Future<SseClient> open(Vertx vertx, int port, String path, String accessToken, String lastEventId) {
    SseClient client = new SseClient(vertx, vertx.createHttpClient());
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(port)
        .setURI(path).putHeader("Accept", "text/event-stream");
    if (accessToken != null) {
      request.putHeader("Authorization", "Bearer " + accessToken);
    }
    if (lastEventId != null) {
      request.putHeader("Last-Event-ID", lastEventId);
    }
    // Vert.x drops a response's chunks that arrive before it has a handler. Sent from the caller's thread (a test's),
    // the response can arrive, and its first chunk be dropped, before the listener below is even registered; sent from
    // a Vert.x context, the response is delivered on that context's thread, which runs the listener before any chunk.
    Promise<SseClient> opened = Promise.promise();
    vertx.getOrCreateContext().runOnContext(onContext -> client.http.request(request)
        .compose(sent -> sent.send())
        .compose(response -> client.read(response))
        .onComplete(opened));
    return opened.future();
  }

  private Future<SseClient> read(HttpClientResponse response) {
    if (response.statusCode() != 200) {
      return response.body().compose(body -> http.close().transform(closed -> Future.failedFuture(
          new StreamRefused(response.statusCode(), body.toString()))));
    }
    headers = response.headers();
    response.handler(chunk -> receive(chunk.toString()));
    return Future.succeededFuture(this);
  }

  private synchronized void receive(String chunk) {
    pending.append(chunk);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String frame = pending.substring(0, end);
      pending.delete(0, end + 2);
      parse(frame);
    }
  }

  private void parse(String frame) {
    String id = null;
    String event = "message";
    StringBuilder data = null;
    for (String line : frame.split("\n")) {
      if (line.startsWith(":")) {
        comments.add(line.substring(1).trim());
      } else if (line.startsWith("id:")) {
        id = line.substring(3).trim();
      } else if (line.startsWith("event:")) {
        event = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
      }
    }
    if (data != null) {
      events.add(new Event(id, event, data.toString()));
    }
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> comments() {
    return List.copyOf(comments);
  }

  public MultiMap headers() {
    return headers;
  }

  /** The first event matching {@code test}, once it has arrived. */
  public Future<Event> await(Predicate<Event> test, String what) {
    return Eventually.until(vertx, () -> Future.succeededFuture(events().stream().filter(test).findFirst()),
        java.util.Optional::isPresent, "received " + what).map(java.util.Optional::get);
  }

  public Future<String> awaitComment(String text) {
    return Eventually.until(vertx, () -> Future.succeededFuture(comments()), seen -> seen.contains(text),
        "received the comment " + text).map(text);
  }

  public Future<Void> close() {
    return http.close();
  }

  /** The server refused to open the stream. */
  public static final class StreamRefused extends RuntimeException {
    public final int status;
    public final String body;

    StreamRefused(int status, String body) {
      super("stream refused with " + status + ": " + body);
      this.status = status;
      this.body = body;
    }
  }
}
