package io.shpay.api;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

/**
 * The contract's validation runs on the request's event loop: with the process's only worker thread busy (a long
 * password hash, say), a request is still validated and answered. vertx-openapi's own validator queues every request
 * on a worker thread, so there it waits for the hash to end.
 */
class InlineRequestValidationTest {

  private static final CountDownLatch WORKER_RELEASED = new CountDownLatch(1);
  private static Vertx vertx;
  private static HttpServer server;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(1));
    ApiContract contract = await(ApiContract.load(vertx));
    ContractRequests requests = new ContractRequests();
    RouterBuilder builder = RouterBuilder.create(vertx, contract.contract(), requests);
    builder.rootHandler(BodyHandler.create());
    ApiOperations operations = new ApiOperations(builder, new InlineRequestValidation(vertx, contract.contract()),
        requests);
    operations.on("login").handler(ctx -> ctx.json(new JsonObject()
        .put("email", ApiOperations.validated(ctx).getBody().getJsonObject().getString("email"))));
    Router router = operations.createRouter();
    server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    client = WebClient.create(vertx);
    vertx.executeBlocking(() -> {
      WORKER_RELEASED.await();
      return null;
    });
  }

  @AfterAll
  static void stop() {
    WORKER_RELEASED.countDown();
    await(vertx.close());
  }

  @Test
  void aValidRequestIsAnsweredWhileTheOnlyWorkerThreadIsBusy() {
    HttpResponse<Buffer> answer = await(client.post(server.actualPort(), "localhost", "/api/v1/auth/login")
        .timeout(10_000)
        .sendJsonObject(new JsonObject().put("email", "minji@example.com").put("password", "correct horse")));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getString("email")).isEqualTo("minji@example.com");
  }

  @Test
  void anInvalidRequestIsRefusedWhileTheOnlyWorkerThreadIsBusy() {
    HttpResponse<Buffer> answer = await(client.post(server.actualPort(), "localhost", "/api/v1/auth/login")
        .timeout(10_000)
        .sendJsonObject(new JsonObject().put("email", "minji@example.com").put("password", "x").put("extra", 1)));

    assertThat(answer.statusCode()).isEqualTo(400);
  }
}
