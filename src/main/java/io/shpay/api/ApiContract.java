package io.shpay.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.Map;

/**
 * SH Pay's OpenAPI 3.1 document ({@code src/main/resources/openapi/shpay-v1.yaml}): the text as written, the same as
 * JSON, and the Vert.x contract read from it.
 *
 * <p>vertx-openapi 5.0 refuses a document whose responses use media types it cannot validate, and SH Pay's use
 * {@code application/problem+json}, {@code text/event-stream}, {@code text/html} and {@code application/yaml}. The
 * document served to readers keeps them; the copy Vert.x reads calls a problem document {@code application/json} (it is
 * JSON, with the same schema) and the other bodies {@code text/plain}. Requests, which is what the router validates,
 * are the same in both, but for an operation that offers a choice of security schemes, which the copy leaves to the
 * operation's own handler.
 */
public final class ApiContract {

  public static final String RESOURCE = "openapi/shpay-v1.yaml";
  public static final String PROBLEM_JSON = "application/problem+json";

  private final Buffer yaml;
  private final JsonObject document;
  private final OpenAPIContract contract;

  private ApiContract(Buffer yaml, JsonObject document, OpenAPIContract contract) {
    this.yaml = yaml;
    this.document = document;
    this.contract = contract;
  }

  /** Reads the document from the class path (off the event loop) and builds the Vert.x contract from it. */
  public static Future<ApiContract> load(Vertx vertx) {
    // Parsing the document's 70 KB of YAML is long work for an event loop (every API instance does it at start): a
    // worker thread parses it.
    return vertx.fileSystem().readFile(RESOURCE).compose(yaml -> vertx.executeBlocking(() -> parse(yaml.toString()))
        .compose(document -> OpenAPIContract.from(vertx, forVertx(document))
            .map(contract -> new ApiContract(yaml, document, new ContractWithCachedValidators(contract)))));
  }

  /** YAML to JSON as JSON sees it: dates stay strings (SH Pay's examples are text, never timestamps). */
  public static JsonObject parse(String yaml) {
    Resolver jsonTypesOnly = new Resolver() {
      @Override
      protected void addImplicitResolvers() {
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOL, "yYnNtTfFoO");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+0123456789.");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
      }
    };
    DumperOptions dumper = new DumperOptions();
    Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(dumper), dumper, jsonTypesOnly);
    Map<String, Object> tree = parser.load(yaml);
    // Through text, so nested maps and lists become JsonObject and JsonArray everywhere.
    return new JsonObject(new JsonObject(tree).encode());
  }

  /** The copy of the document vertx-openapi accepts: response media types it knows, the same schemas. */
  public static JsonObject forVertx(JsonObject document) {
    JsonObject copy = document.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject operation = item.getJsonObject(method);
        if (operation.getJsonArray("security", new io.vertx.core.json.JsonArray()).size() > 1) {
          // vertx-web chains alternative schemes only with its own internal handler type: such an operation (the
          // event stream: a bearer token or a stream ticket) is guarded by its first handler instead.
          operation.put("security", new io.vertx.core.json.JsonArray());
        }
        JsonObject responses = operation.getJsonObject("responses", new JsonObject());
        for (String status : responses.fieldNames()) {
          adaptContent(responses.getJsonObject(status));
        }
      }
    }
    JsonObject shared = copy.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject());
    for (String name : shared.fieldNames()) {
      adaptContent(shared.getJsonObject(name));
    }
    return copy;
  }

  /** The media type vertx-openapi knows a response by, for one SH Pay sends. */
  public static String vertxMediaType(String mediaType) {
    String bare = mediaType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (bare.equals(PROBLEM_JSON)) {
      return MediaType.APPLICATION_JSON;
    }
    return MediaType.isMediaTypeSupported(bare) ? bare : MediaType.TEXT_PLAIN;
  }

  private static void adaptContent(JsonObject response) {
    JsonObject content = response.getJsonObject("content");
    if (content == null) {
      return;
    }
    JsonObject adapted = new JsonObject();
    for (String mediaType : content.fieldNames()) {
      String known = vertxMediaType(mediaType);
      if (!adapted.containsKey(known)) {
        adapted.put(known, content.getJsonObject(mediaType));
      }
    }
    response.put("content", adapted);
  }

  public Buffer yaml() {
    return yaml;
  }

  /** The document as written, as JSON. */
  public JsonObject document() {
    return document;
  }

  public OpenAPIContract contract() {
    return contract;
  }
}
