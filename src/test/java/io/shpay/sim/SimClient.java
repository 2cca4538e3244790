package io.shpay.sim;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * HTTP calls to whichever SH Pay process serves now, as a mobile app or a merchant's server would make
 * them. A call made while the process is being replaced waits for the replacement; a call cut by a
 * dying process fails like a dropped connection.
 */
final class SimClient {

  /** Longer than SH Pay's own request timeout is not useful; shorter would abandon calls a client would wait for. */
  private static final long CALL_TIMEOUT_MS = 35_000;

  private final SimStack stack;
  private final WebClient web;

  SimClient(Vertx vertx, SimStack stack) {
    this.stack = stack;
    this.web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(false));
  }

  Future<HttpResponse<Buffer>> send(HttpMethod method, String path, String bearer, String apiKey, String idempotencyKey,
      JsonObject body) {
    return stack.serving().compose(node -> {
      HttpRequest<Buffer> request = web.request(method, node.port(), "127.0.0.1", path).timeout(CALL_TIMEOUT_MS);
      if (bearer != null) {
        request.bearerTokenAuthentication(bearer);
      }
      if (apiKey != null) {
        request.putHeader("X-Api-Key", apiKey);
      }
      if (idempotencyKey != null) {
        request.putHeader("Idempotency-Key", idempotencyKey);
      }
      return body == null ? request.send() : request.sendJsonObject(body);
    });
  }

  /** A request to the process serving now, to be completed by the caller (only while no fault runs). */
  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return web.request(method, stack.node().port(), "127.0.0.1", path).timeout(CALL_TIMEOUT_MS);
  }

  /** An absolute GET without following redirects (the browser at the KFTC consent page). */
  Future<HttpResponse<Buffer>> browse(String url) {
    return web.getAbs(url).timeout(CALL_TIMEOUT_MS).send();
  }

  void close() {
    web.close();
  }
}
