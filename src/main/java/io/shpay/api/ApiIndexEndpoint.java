package io.shpay.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/v1}: what this API offers, for a person who opens the base URL first. The routes are read from the
 * router when asked, so the list is exactly what this process serves (capabilities it runs without are absent).
 */
final class ApiIndexEndpoint {

  static final String BASE_PATH = "/api/v1";

  private Router router;

  void mount(ApiOperations operations) {
    operations.on("apiIndex").respond(ctx -> Future.succeededFuture(index(router)));
  }

  /** The router whose routes the index lists: the one built from the contract, once it is. */
  void listing(Router router) {
    this.router = router;
  }

  private static JsonObject index(Router router) {
    Set<String> routes = new TreeSet<>(Comparator.comparing((String route) -> route.substring(route.indexOf(' ') + 1))
        .thenComparing(Comparator.naturalOrder()));
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || !path.startsWith(BASE_PATH + "/") || route.methods() == null) {
        continue;
      }
      for (HttpMethod method : route.methods()) {
        routes.add(method.name() + " " + path);
      }
    }
    return new JsonObject()
        .put("service", "SH Pay")
        .put("version", "v1")
        .put("health", "/health/ready")
        .put("metrics", "/metrics")
        .put("openapi", ContractEndpoints.YAML_PATH)
        .put("docs", ContractEndpoints.DOCS_PATH)
        .put("routes", new JsonArray(routes.stream().toList()));
  }
}
