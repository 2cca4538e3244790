package io.shpay.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.function.Consumer;

/**
 * One user's {@code GET /api/v1/notifications} stream read as a browser's EventSource does: frames end with a blank
 * line, comments ({@code : keep-alive}) are skipped, and each frame's {@code data:} JSON goes to {@code onEvent} as
 * soon as its chunk arrives, so the caller can time it. The suite's {@code io.shpay.testing.SseClient} keeps every
 * event in a list for assertions, which a minute of load would only fill up.
 */
final class SseStream {

  private final StringBuilder pending = new StringBuilder();
  private final Consumer<JsonObject> onEvent;

  private SseStream(Consumer<JsonObject> onEvent) {
    this.onEvent = onEvent;
  }

  /** Opens the stream on {@code http} (whose pool must hold one connection per open stream); fails unless 200. */
  static Future<SseStream> open(HttpClient http, String host, int port, String accessToken,
      Consumer<JsonObject> onEvent) {
    SseStream stream = new SseStream(onEvent);
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
        .setURI("/api/v1/notifications").putHeader("Accept", "text/event-stream")
        .putHeader("Authorization", "Bearer " + accessToken);
    return http.request(request).compose(sent -> sent.send()).compose(response -> {
      if (response.statusCode() != 200) {
        return response.body().transform(body -> Future.failedFuture(new IllegalStateException(
            "notifications stream: HTTP " + response.statusCode() + " " + body.result())));
      }
      response.handler(chunk -> stream.receive(chunk.toString()));
      return Future.succeededFuture(stream);
    });
  }

  /** Chunks arrive on the client's event loop, one at a time; a frame may span chunks. */
  private void receive(String chunk) {
    pending.append(chunk.replace("\r", ""));
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String frame = pending.substring(0, end);
      pending.delete(0, end + 2);
      StringBuilder data = null;
      for (String line : frame.split("\n")) {
        if (line.startsWith("data:")) {
          data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
        }
      }
      if (data != null) {
        onEvent.accept(new JsonObject(data.toString()));
      }
    }
  }
}
