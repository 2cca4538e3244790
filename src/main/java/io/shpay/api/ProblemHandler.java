package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The one place failures become HTTP responses: every 4xx and 5xx leaves as
 * {@code application/problem+json}. Client errors are logged on one line without a stack trace;
 * server errors are logged once, with a stack trace and an error id the response also carries, so
 * support can find the log line from what the client saw. Stack traces never reach the client.
 */
final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  /** The message of Vert.x's {@link ConnectionPoolTooBusyException}, all of it that crosses the event bus. */
  private static final String POOL_TOO_BUSY = "Connection pool reached max wait queue size";

  private final ContractProblems contract;

  /** For a router without an OpenAPI contract (the operations port). */
  ProblemHandler() {
    this(null);
  }

  /** For the router built from the contract: a request it refused becomes a problem naming every bad field. */
  ProblemHandler(ContractProblems contract) {
    this.contract = contract;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    var refused = ContractProblems.refusal(ctx.failure());
    if (refused != null && contract != null) {
      render(ctx, contract.problem(ctx, refused));
      return;
    }
    render(ctx, classify(ctx.failure(), ctx.statusCode()));
  }

  /**
   * For the router's own errors ({@code router.errorHandler(status, …)}): the context may not carry the status, and a
   * path the router could not decode (a malformed {@code %} escape) must still be that client error, not a 500.
   */
  Handler<RoutingContext> forStatus(int status) {
    return ctx -> {
      if (ctx.response().headWritten()) {
        ctx.response().reset();
        return;
      }
      render(ctx, ctx.failure() instanceof ServiceException ? classify(ctx.failure(), status) : byStatus(status));
    };
  }

  private void render(RoutingContext ctx, Problem problem) {
    String requestId = RequestIdHandler.requestId(ctx);
    log(ctx, problem, requestId, ctx.failure());

    var response = ctx.response()
        .setStatusCode(problem.code().httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (problem.retryAfterSeconds() != null) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
      if (ctx.failure() instanceof ServiceException service && Failures.limit(service) != null) {
        // draft-ietf-httpapi-ratelimit-headers: the window's quota, what is left of it, and seconds to its reset.
        response.putHeader("RateLimit", "limit=" + Failures.limit(service) + ", remaining=0, reset="
            + problem.retryAfterSeconds());
      }
    }
    if (problem.code().httpStatus() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(problem.toJson(ctx.request().path(), requestId).encode());
  }

  static Problem classify(Throwable failure, int statusCode) {
    if (failure instanceof ServiceException service) {
      return ErrorCode.fromBusCode(service.failureCode())
          .map(code -> new Problem(code, service.getMessage(), Failures.fieldErrors(service),
              Failures.retryAfterSeconds(service), null))
          .orElseGet(() -> tooBusy(service.getMessage()) ? busy() : internal());
    }
    if (failure instanceof ConnectionPoolTooBusyException) {
      return busy();
    }
    if (failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.TIMEOUT)) {
      return Problem.of(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.title());
    }
    if (failure instanceof DecodeException) {
      return Problem.of(ErrorCode.MALFORMED_JSON, ErrorCode.MALFORMED_JSON.title());
    }
    if (failure instanceof HttpException http) {
      return byStatus(http.getStatusCode());
    }
    if (failure == null && statusCode >= 400) {
      return byStatus(statusCode);
    }
    if (statusCode >= 400 && statusCode < 500) {
      // A handler that refused with a client status and a plain exception (vertx-web's CORS handler does: 403 and an
      // IllegalStateException) meant the status; the exception is not a fault of ours.
      return byStatus(statusCode);
    }
    return internal();
  }

  /**
   * A pool's wait queue was full (Vert.x's {@link ConnectionPoolTooBusyException}): overload, to be retried shortly,
   * not a fault. Across the event bus only the exception's message arrives, so it is known by that.
   */
  private static boolean tooBusy(String message) {
    return message != null && message.startsWith(POOL_TOO_BUSY);
  }

  private static Problem busy() {
    return new Problem(ErrorCode.SERVICE_UNAVAILABLE, "SH Pay is at capacity; try again in a moment.",
        java.util.List.of(), 1L, null);
  }

  private static Problem byStatus(int status) {
    ErrorCode code = switch (status) {
      case 400 -> ErrorCode.BAD_REQUEST;
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 503 -> ErrorCode.TIMEOUT;
      default -> null;
    };
    return code == null ? internal() : Problem.of(code, code.title());
  }

  private static Problem internal() {
    String errorId = UUID.randomUUID().toString();
    return new Problem(ErrorCode.INTERNAL, "Something went wrong on our side. Quote error id " + errorId + ".",
        java.util.List.of(), null, errorId);
  }

  static void log(RoutingContext ctx, Problem problem, String requestId, Throwable cause) {
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    if (problem.errorId() != null) {
      LOG.atError().setCause(cause)
          .addKeyValue("requestId", requestId).addKeyValue("errorId", problem.errorId())
          .log("{} {} failed with error id {}", method, path, problem.errorId());
    } else if (problem.code().httpStatus() >= 500) {
      LOG.atWarn().addKeyValue("requestId", requestId).addKeyValue("code", problem.code().code())
          .log("{} {} -> {} {}", method, path, problem.code().httpStatus(), problem.code().code());
    } else {
      LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("code", problem.code().code())
          .log("{} {} -> {} {}", method, path, problem.code().httpStatus(), problem.code().code());
    }
  }
}
