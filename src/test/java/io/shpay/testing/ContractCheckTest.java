package io.shpay.testing;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared client's contract check itself, against a stand-in server that answers what it is told: a response that
 * breaks its operation's schema fails the request, one that keeps it passes, and paths the contract does not describe
 * pass untouched.
 */
class ContractCheckTest {

  private static final String USER_ID = "0b8e6f1a-4c3d-4e2f-9a1b-2c3d4e5f6a7b";
  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = await(vertx.createHttpServer().requestHandler(request -> {
      var response = request.response();
      switch (request.path()) {
        case "/api/v1/users/me" -> response.putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("id", USER_ID).put("email", "minji@example.com").put("name", "Kim Minji")
            .put("role", request.getParam("role", "USER")).put("createdAt", "2026-11-21T01:15:00Z").encode());
        case "/api/v1/accounts" -> response.setStatusCode(418).end();
        case "/health/live" -> response.setStatusCode(418).putHeader("Content-Type", "application/json").end("{}");
        case "/api/v1/checkouts/" + USER_ID -> response.setStatusCode(404)
            .putHeader("Content-Type", "application/problem+json")
            .end(new JsonObject().put("type", "urn:shpay:problem:not_found").put("title", "There is nothing here.")
                .put("status", 404).put("code", request.getParam("code", "not_found")).encode());
        default -> response.setStatusCode(404).end("no such path");
      }
    }).listen(0, "127.0.0.1"));
    client = ContractCheck.checking(vertx, WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort())));
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void aResponseThatKeepsItsSchemaPasses() {
    assertThat(await(client.get("/api/v1/users/me").send()).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyThatBreaksItsSchemaFailsTheRequestNamingTheOperationAndTheField() {
    assertThatThrownBy(() -> await(client.get("/api/v1/users/me?role=OWNER").send()))
        .hasStackTraceContaining("getMe (GET /api/v1/users/me) answered 200")
        .hasStackTraceContaining("#/role");
  }

  @Test
  void aStatusTheOperationDoesNotDeclareFailsTheRequest() {
    assertThatThrownBy(() -> await(client.get("/health/live").send()))
        .hasStackTraceContaining("liveness (GET /health/live) answered 418");
  }

  @Test
  void aResponseWithoutTheBodyItsStatusPromisesFailsTheRequest() {
    // 418 falls to the operation's default response, a problem document: an empty body is not one.
    assertThatThrownBy(() -> await(client.get("/api/v1/accounts").send()))
        .hasStackTraceContaining("listAccounts (GET /api/v1/accounts) answered 418");
  }

  @Test
  void problemDocumentsAreCheckedToo() {
    assertThat(await(client.get("/api/v1/checkouts/" + USER_ID).send()).statusCode()).isEqualTo(404);
    assertThatThrownBy(() -> await(client.get("/api/v1/checkouts/" + USER_ID + "?code=no_such_code").send()))
        .hasStackTraceContaining("getCheckout")
        .hasStackTraceContaining("#/code");
  }

  @Test
  void pathsTheContractDoesNotDescribeAreLeftAlone() {
    assertThat(await(client.get("/no/such/path").send()).statusCode()).isEqualTo(404);
  }
}
