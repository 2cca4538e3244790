package io.shpay.sandbox;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.sandbox.kftc.KftcSandbox;
import io.shpay.sandbox.kftc.KftcSandboxOptions;
import io.shpay.sandbox.nh.NhSandbox;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox base URLs the local stack's banner prints answer with the bank and its routes. */
class SandboxIndexTest {

  private static Vertx vertx;
  private static WebClient web;
  private static KftcSandbox kftc;
  private static NhSandbox nh;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    kftc = await(KftcSandbox.start(vertx, KftcSandboxOptions.defaults()));
    nh = await(NhSandbox.start(vertx, NhSandboxOptions.defaults()));
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void theKftcBaseUrlNamesTheBankAndItsOAuthAndTransferRoutes() throws Exception {
    JsonObject index = index(kftc.baseUrl());

    assertThat(index.getString("sandbox")).isEqualTo("KFTC");
    assertThat(routes(index))
        .contains("GET /oauth/2.0/authorize", "POST /oauth/2.0/token")
        .anySatisfy(route -> assertThat(route).startsWith("POST /v2.0/transfer/withdraw"));
  }

  @Test
  void theNhBaseUrlNamesTheBankAndItsRoutes() throws Exception {
    JsonObject index = index(nh.baseUrl());

    assertThat(index.getString("sandbox")).isEqualTo("NH");
    assertThat(routes(index)).isNotEmpty()
        .allSatisfy(route -> assertThat(route).matches("(GET|POST|PUT|DELETE) /\\S+"));
  }

  private static JsonObject index(String baseUrl) throws Exception {
    var response = await(web.getAbs(baseUrl + "/").send());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<String> routes(JsonObject index) {
    return index.getJsonArray("routes").stream().map(String.class::cast).toList();
  }

}
