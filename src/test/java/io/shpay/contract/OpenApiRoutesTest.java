package io.shpay.contract;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.api.ApiVerticle.MountedRoute;
import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract and the router cannot drift: with every capability running, each route the router mounted is an
 * operation of {@code shpay-v1.yaml} and each operation is mounted. The document and its docs page are served by
 * SH Pay itself.
 */
class OpenApiRoutesTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,chat"), UnaryOperator.identity());

  @Test
  void everyMountedRouteIsAnOperationAndEveryOperationIsMounted() throws Exception {
    Set<String> mounted = new TreeSet<>();
    for (MountedRoute route : STACK.app().app().apiRoutes()) {
      // Vert.x writes path parameters as :name, OpenAPI as {name}.
      mounted.add(route.method() + " " + route.path().replaceAll(":([A-Za-z]+)", "{$1}"));
    }
    Set<String> documented = new TreeSet<>(OpenApiDocumentUnitTest.operations().keySet());

    assertThat(mounted).as("routes the router mounted").hasSizeGreaterThan(40);
    assertThat(mounted).as("mounted but not in the contract").isSubsetOf(documented);
    assertThat(documented).as("in the contract but not mounted").isSubsetOf(mounted);
  }

  @Test
  void theDocumentIsServedAsYamlAndAsTheSameJson() throws Exception {
    HttpResponse<Buffer> yaml = await(STACK.api().get("/openapi.yaml", null));
    HttpResponse<Buffer> json = await(STACK.api().get("/openapi.json", null));

    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.getHeader("Content-Type")).startsWith("application/yaml");
    assertThat(yaml.bodyAsString()).isEqualTo(OpenApiDocumentUnitTest.text());
    assertThat(json.statusCode()).isEqualTo(200);
    JsonObject document = json.bodyAsJsonObject();
    assertThat(document.getString("openapi")).isEqualTo("3.1.0");
    assertThat(document.getJsonObject("paths").fieldNames())
        .containsExactlyInAnyOrderElementsOf(OpenApiDocumentUnitTest.operations().keySet().stream()
            .map(operation -> operation.substring(operation.indexOf(' ') + 1)).distinct().toList());
  }

  @Test
  void theDocsPageAndEveryFileItLoadsComeFromSHPayItself() throws Exception {
    HttpResponse<Buffer> docs = await(STACK.api().get("/docs", null));
    assertThat(docs.statusCode()).isEqualTo(302);
    assertThat(docs.getHeader("Location")).isEqualTo("/docs/");

    HttpResponse<Buffer> page = await(STACK.api().get("/docs/", null));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).doesNotContain("http://", "https://");
    // The page's scripts and styles may run, from this origin only.
    assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("*");
    for (String asset : new String[] {"swagger-ui.css", "index.css", "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js"}) {
      assertThat(await(STACK.api().get("/docs/" + asset, null)).statusCode()).as(asset).isEqualTo(200);
    }
    String initializer = await(STACK.api().get("/docs/swagger-initializer.js", null)).bodyAsString();
    assertThat(initializer).contains("url: \"/openapi.json\"").doesNotContain("petstore");
  }

  @Test
  void theApiIndexLinksTheDocumentAndTheDocs() throws Exception {
    JsonObject index = await(STACK.api().get("/api/v1", null)).bodyAsJsonObject();

    assertThat(await(STACK.api().get(index.getString("openapi"), null)).statusCode()).isEqualTo(200);
    assertThat(await(STACK.api().request(HttpMethod.GET, index.getString("docs") + "/").send()).statusCode())
        .isEqualTo(200);
  }
}
