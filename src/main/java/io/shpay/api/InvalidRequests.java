package io.shpay.api;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Requests the HTTP decoder could not read (headers or request line too long, a broken request) never reach the
 * router; without this they would get the server's bare text answer. They get a problem document like everything else.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidRequests.class);

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
    int status;
    String code;
    String title;
    if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      code = "headers_too_large";
      title = "The request headers are too large.";
    } else if (cause instanceof TooLongHttpLineException) {
      status = 414;
      code = "uri_too_long";
      title = "The request URI is too long.";
    } else if (cause instanceof TooLongFrameException) {
      status = 413;
      code = "payload_too_large";
      title = "The request is too large.";
    } else {
      status = 400;
      code = "bad_request";
      title = "The request is not valid HTTP.";
    }
    String requestId = UUID.randomUUID().toString();
    LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("code", code).log("Unreadable request -> {} {}", status, code);
    JsonObject problem = new JsonObject().put("type", "urn:shpay:problem:" + code).put("title", title)
        .put("status", status).put("code", code).put("detail", title).put("requestId", requestId);
    request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(problem.encode())
        .onComplete(ignored -> request.connection().close());
  }
}
