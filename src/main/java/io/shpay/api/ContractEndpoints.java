package io.shpay.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * SH Pay's contract, readable: {@code GET /openapi.yaml} (the document as written), {@code GET /openapi.json} (the
 * same, as JSON) and {@code GET /docs}, a Swagger UI page whose files come from the swagger-ui webjar inside SH Pay's
 * own jar, so the page works without any CDN and shows exactly this process's contract.
 */
final class ContractEndpoints {

  static final String YAML_PATH = "/openapi.yaml";
  static final String JSON_PATH = "/openapi.json";
  static final String DOCS_PATH = "/docs";
  private static final String INITIALIZER_RESOURCE = "openapi/docs/swagger-initializer.js";
  /** The webjar names its version here; its files live under a folder of that name. */
  private static final String SWAGGER_UI_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  /** Swagger UI runs its own scripts and styles (and sets inline styles); it only ever talks to this origin. */
  static final String DOCS_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final Buffer yaml;
  private final Buffer json;
  private final Buffer initializer;
  private final String swaggerUiRoot;

  private ContractEndpoints(Buffer yaml, JsonObject contract, Buffer initializer, String swaggerUiRoot) {
    this.yaml = yaml;
    this.json = contract.toBuffer();
    this.initializer = initializer;
    this.swaggerUiRoot = swaggerUiRoot;
  }

  /** Reads the document and the page's files from the class path, off the event loop. */
  static Future<ContractEndpoints> load(Vertx vertx, ApiContract contract) {
    FileSystem files = vertx.fileSystem();
    return Future.all(files.readFile(INITIALIZER_RESOURCE), files.readFile(SWAGGER_UI_PROPERTIES))
        .map(read -> {
          Properties webjar = new Properties();
          try {
            webjar.load(new StringReader(read.<Buffer>resultAt(1).toString(StandardCharsets.ISO_8859_1)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return new ContractEndpoints(contract.yaml(), contract.document(), read.resultAt(0),
              "META-INF/resources/webjars/swagger-ui/" + webjar.getProperty("version"));
        });
  }

  void mount(ApiOperations operations) {
    operations.on("openApiYaml").handler(ctx -> document(ctx, "application/yaml; charset=utf-8", yaml));
    operations.on("openApiJson").handler(ctx -> document(ctx, "application/json", json));
    // The page's files are named relative to it, so the page lives at /docs/ (this route also matches that path).
    operations.on("apiDocs").handler(ctx -> {
      if (ctx.request().path().endsWith("/")) {
        ctx.next();
      } else {
        ctx.redirect(DOCS_PATH + "/");
      }
    });
  }

  /** The docs page's files, after the contract's routes (/docs/ itself falls through to them). */
  void mountAssets(Router router) {
    // The page's files: no method on these routes, so they are assets, not operations of the API.
    router.route(DOCS_PATH + "/*").handler(docsPolicy());
    router.route(DOCS_PATH + "/swagger-initializer.js").handler(ctx -> {
      if (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD) {
        ctx.next();
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8").end(initializer);
    });
    router.route(DOCS_PATH + "/*").handler(StaticHandler.create(swaggerUiRoot).setCachingEnabled(false)
        .setDirectoryListing(false).setIndexPage("index.html"));
  }

  private static void document(RoutingContext ctx, String contentType, Buffer body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        // The contract changes only with a release; no secrets in it.
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
        .putHeader("Access-Control-Allow-Origin", "*")
        .end(body);
  }

  private static Handler<RoutingContext> docsPolicy() {
    return ctx -> {
      ctx.put(SecurityHeaders.POLICY_KEY, DOCS_SECURITY_POLICY);
      ctx.next();
    };
  }
}
