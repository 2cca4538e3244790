package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * KFTC calls do not queue behind each other: a bank that answers only once it holds twenty calls at once gets all
 * twenty from SH Pay's client. With Vert.x's default pool (5 connections per host) the sixth call waits for a
 * connection the bank never frees, and the calls time out.
 */
class KftcConnectionsTest {

  private static final int CALLS_AT_ONCE = 20;
  private static Vertx vertx;
  private static HttpServer bank;
  private static final List<HttpServerRequest> held = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    bank = await(vertx.createHttpServer().requestHandler(request -> {
      held.add(request);
      if (held.size() == CALLS_AT_ONCE) {
        held.forEach(waiting -> waiting.response().end("{}"));
      }
    }).listen(0));
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  void twentyCallsAreAtTheBankAtOnce() {
    WebClient kftc = OpenBankingVerticle.kftcWebClient(vertx, Duration.ofSeconds(5));
    List<Future<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < CALLS_AT_ONCE; i++) {
      calls.add(kftc.get(bank.actualPort(), "localhost", "/v2.0/account/balance/fin_num").timeout(10_000).send()
          .map(response -> response.statusCode()));
    }

    await(Future.all(calls));

    assertThat(calls).allSatisfy(call -> assertThat(call.result()).isEqualTo(200));
  }
}
