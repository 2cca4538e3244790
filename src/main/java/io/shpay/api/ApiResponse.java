package io.shpay.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A finished response: what an idempotent route stores and replays byte for byte. */
record ApiResponse(int status, String contentType, String body) {

  static ApiResponse json(int status, JsonObject body) {
    return new ApiResponse(status, "application/json", body.encode());
  }

  static ApiResponse problem(Problem problem, String path, String requestId) {
    return new ApiResponse(problem.code().httpStatus(), Problem.MEDIA_TYPE, problem.toJson(path, requestId).encode());
  }

  /**
   * Writes the response, unless the request timeout already answered 503 for this request: the
   * work behind it went on, and a retry with the same key learns how it ended.
   */
  void writeTo(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }
}
