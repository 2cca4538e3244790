package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The base URL the local stack's banner prints, {@code /api/v1}, answers with what the API offers. */
class ApiIndexTest {

  private static Vertx vertx;
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = await(TestApp.start());
    api = new Api(vertx, app);
  }

  @AfterAll
  static void stop() throws Exception {
    await(app.close());
    await(vertx.close());
  }

  @Test
  void theBaseUrlListsTheRoutesThisProcessServes() throws Exception {
    HttpResponse<Buffer> response = await(api.get("/api/v1", null));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject index = response.bodyAsJsonObject();
    assertThat(index.getString("service")).isEqualTo("SH Pay");
    assertThat(index.getString("health")).isEqualTo("/health/ready");
    assertThat(routes(index))
        .contains("POST /api/v1/users", "POST /api/v1/auth/login", "GET /api/v1/users/me")
        .allSatisfy(route -> assertThat(route).matches("(GET|POST|PUT|PATCH|DELETE) /api/v1/\\S+"));
  }

  @Test
  void theLinksItGivesAnswer() throws Exception {
    JsonObject index = await(api.get("/api/v1", null)).bodyAsJsonObject();

    assertThat(await(api.get(index.getString("health"), null)).statusCode()).isEqualTo(200);
    assertThat(await(api.get(index.getString("metrics"), null)).statusCode()).isEqualTo(200);
  }

  private static List<String> routes(JsonObject index) {
    return index.getJsonArray("routes").stream().map(String.class::cast).toList();
  }

}
