package io.shpay.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import io.shpay.user.UserRole;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API's operations, as {@code shpay-v1.yaml} names them: endpoint classes add their handlers to an operation id
 * instead of a path, and the router is built from the document ({@link RouterBuilder}), so every request has passed
 * the operation's security scheme and then its parameter and body schemas before a handler runs.
 */
final class ApiOperations {

  private final RouterBuilder builder;
  private final InlineRequestValidation validation;
  private final RequestExtractor requests;
  private final Map<String, Set<UserRole>> roles = new HashMap<>();

  ApiOperations(RouterBuilder builder, InlineRequestValidation validation, RequestExtractor requests) {
    this.builder = builder;
    this.validation = validation;
    this.requests = requests;
  }

  /**
   * The roles the operation being served is open to, or null for every role: the bearer scheme checks them right after
   * the session, before the contract's validation (the contract's security cannot name roles: tokens carry no scopes).
   */
  Set<UserRole> rolesFor(RoutingContext ctx) {
    Operation operation = ctx.currentRoute() == null ? null
        : ctx.currentRoute().getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
    return operation == null ? null : roles.get(operation.getOperationId());
  }

  /** The operation with this id; unknown ids fail at start, so a handler cannot be mounted off the contract. */
  Op on(String operationId) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalArgumentException("shpay-v1.yaml has no operation " + operationId);
    }
    return new Op(route, roles);
  }

  /**
   * The router, with only the operations some endpoint handles: a capability this process runs without (open banking
   * in a payments-only deployment) has no route at all and answers 404, as before, not the builder's 501.
   */
  Router createRouter() {
    Set<String> handled = builder.getRoutes().stream().filter(route -> !route.getHandlers().isEmpty())
        .map(route -> route.getOperation().getOperationId()).collect(Collectors.toSet());
    for (OpenAPIRoute route : builder.getRoutes().stream().filter(route -> !route.getHandlers().isEmpty()).toList()) {
      // The problem for a refused request lists every bad field of this operation, so it needs to know which.
      Operation operation = route.getOperation();
      // The contract's validation runs first, on the request's event loop (see InlineRequestValidation).
      route.setDoValidation(false);
      route.getHandlers().add(0, validation.handlerFor(operation, requests));
      route.addFailureHandler(ctx -> {
        ctx.put(ContractProblems.OPERATION_KEY, operation);
        ctx.next();
      });
    }
    for (OpenAPIRoute route : builder.getRoutes()) {
      if (!handled.contains(route.getOperation().getOperationId())) {
        // Not served here: its scheme may have no handler in this process (no payments, no merchant keys).
        route.setDoSecurity(false).setDoValidation(false);
      }
    }
    Router router = builder.createRouter();
    for (Route route : router.getRoutes()) {
      Operation operation = route.getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
      if (operation != null && !handled.contains(operation.getOperationId())) {
        route.remove();
      }
    }
    return router;
  }

  /** The request as the contract validated it (absent on an operation whose validation is off). */
  static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /** A query parameter as the contract typed it (an integer as an Integer, a date still as its text), or null. */
  static Object query(RoutingContext ctx, String name) {
    ValidatedRequest request = validated(ctx);
    RequestParameter parameter = request == null ? null : request.getQuery().get(name);
    return parameter == null || parameter.isNull() ? null : parameter.get();
  }

  /** A query parameter the contract typed as a string, or null when absent. */
  static String queryString(RoutingContext ctx, String name) {
    Object value = query(ctx, name);
    return value == null ? null : value.toString();
  }

  /** One operation: its handlers run after the contract's security and validation, in the order added. */
  static final class Op {

    private final OpenAPIRoute route;
    private final Map<String, Set<UserRole>> roles;

    private Op(OpenAPIRoute route, Map<String, Set<UserRole>> roles) {
      this.route = route;
      this.roles = roles;
    }

    /** Only callers with one of these roles (the bearer scheme answers others 403, before validation). */
    Op requireRole(UserRole first, UserRole... more) {
      roles.put(route.getOperation().getOperationId(), java.util.Collections.unmodifiableSet(EnumSet.of(first, more)));
      return this;
    }

    Op handler(Handler<RoutingContext> handler) {
      route.addHandler(handler);
      return this;
    }

    /** As vertx-web's {@code Route.respond}: the future's value is the answer (JSON, text, bytes; null is 204). */
    <T> Op respond(Function<RoutingContext, Future<T>> function) {
      return handler(ctx -> {
        Future<T> answer;
        try {
          answer = function.apply(ctx);
        } catch (RuntimeException failure) {
          ctx.fail(failure);
          return;
        }
        answer.onFailure(ctx::fail).onSuccess(body -> write(ctx, body));
      });
    }

    private static void write(RoutingContext ctx, Object body) {
      if (ctx.response().headWritten()) {
        if (body == null && !ctx.response().ended()) {
          ctx.end();
        } else if (body != null) {
          ctx.fail(new HttpException(500, "Response already written"));
        }
        return;
      }
      if (body == null) {
        ctx.response().setStatusCode(204).end();
      } else if (body instanceof Buffer buffer) {
        if (!ctx.response().headers().contains("Content-Type")) {
          ctx.response().putHeader("Content-Type", "application/octet-stream");
        }
        ctx.end(buffer);
      } else if (body instanceof String text) {
        if (!ctx.response().headers().contains("Content-Type")) {
          ctx.response().putHeader("Content-Type", "text/html");
        }
        ctx.end(text);
      } else {
        ctx.json(body);
      }
    }
  }
}
