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

  void writeTo(RoutingContext ctx) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }
}
