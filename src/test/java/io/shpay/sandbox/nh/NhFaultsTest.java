package io.shpay.sandbox.nh;

import io.shpay.testing.MutableClock;
import static io.shpay.sandbox.nh.NhTestClient.MINJI;
import static io.shpay.sandbox.nh.NhTestClient.drawing;
import static io.shpay.sandbox.nh.NhTestClient.historyQuery;
import static io.shpay.sandbox.nh.NhTestClient.records;
import static io.shpay.sandbox.nh.NhTestClient.rpcd;
import static io.shpay.sandbox.nh.NhTestClient.rsms;
import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Fault injection: failures, latency and dropped answers, from Java and over HTTP. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NhFaultsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private NhSandbox sandbox;
  private NhTestClient client;
  private String finAcno;

  @BeforeEach
  void start(Vertx vertx) {
    NhSandboxOptions options = NhSandboxOptions.defaults().withClock(clock);
    sandbox = await(NhSandbox.start(vertx, options));
    client = new NhTestClient(vertx, sandbox, options);
    finAcno = await(client.finAcno(MINJI));
  }

  @AfterEach
  void stop() {
    if (sandbox != null) {
      await(sandbox.close());
    }
  }

  /** Today's lines of Minji's account, newest first: where a client settles a transfer it never heard back from. */
  private Future<JsonObject> todaysHistory() {
    return client.call("InquireTransactionHistory",
        historyQuery(MINJI, client.today(), client.today(), "A", "DESC", 1, 100));
  }

  /** Whether the future failed, once it is done (a refused or dropped call). */
  private static boolean failed(Future<?> call) {
    return await(call.transform(outcome -> Future.succeededFuture(outcome.failed())));
  }

  @Test
  void failNextAnswersTheInjectedCodeWithoutMovingMoneyOrUsingUpTheIsTuno() {
    JsonObject header = client.header("DrawingTransfer");
    sandbox.faults().failNext("DrawingTransfer", 1, "E9999", "처리결과 미확인");
    JsonObject failed = await(client.call("DrawingTransfer", header, drawing(finAcno, 10_000)));
    assertThat(failed.getInteger("_http_status")).isEqualTo(200);
    assertThat(rpcd(failed)).isEqualTo("E9999");
    assertThat(rsms(failed)).isEqualTo("처리결과 미확인");
    assertThat(failed.getJsonObject("Header").getString("IsTuno")).isEqualTo(header.getString("IsTuno"));
    assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_250_000L);

    JsonObject history = await(todaysHistory());
    assertThat(records(history)).as("nothing reached the bank").isEmpty();

    JsonObject retry = await(client.call("DrawingTransfer", header.copy(), drawing(finAcno, 10_000)));
    assertThat(rpcd(retry)).as("the injected failure never used the IsTuno").isEqualTo("00000");
    assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_240_000L);
    assertThat(sandbox.bank().drawingCount(finAcno)).isEqualTo(1);
  }

  @Test
  void failNextWithoutAMessageUsesTheCodesOwnAndCountsDown() {
    sandbox.faults().failNext("InquireBalance", 2, "E0001", null);
    JsonObject body = new JsonObject().put("FinAcno", finAcno);
    JsonObject first = await(client.call("InquireBalance", body));
    JsonObject second = await(client.call("InquireBalance", body));
    JsonObject third = await(client.call("InquireBalance", body));
    assertThat(rpcd(first)).isEqualTo("E0001");
    assertThat(rsms(first)).contains("AccessToken").contains("sandbox fault injection");
    assertThat(rpcd(second)).isEqualTo("E0001");
    assertThat(rpcd(third)).isEqualTo("00000");
    assertThat(third.getString("Ldbl")).isEqualTo("1250000");
  }

  @Test
  void dropNextMovesTheMoneyClosesTheConnectionAndTheHistoryShowsTheIsTuno() {
    JsonObject header = client.header("DrawingTransfer");
    sandbox.faults().dropNext("DrawingTransfer", 1);
    assertThat(failed(client.send("DrawingTransfer", drawing(finAcno, 50_000).put("Header", header))))
        .as("no answer, the connection was closed").isTrue();
    assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_200_000L);
    assertThat(sandbox.bank().drawingCount(finAcno)).isEqualTo(1);

    JsonObject history = await(todaysHistory());
    JsonObject retry = await(client.call("DrawingTransfer", header.copy(), drawing(finAcno, 50_000)));
    JsonObject line = records(history).getJsonObject(0);
    assertThat(line.getString("Tuno")).isEqualTo(header.getString("IsTuno"));
    assertThat(line.getString("Tram")).isEqualTo("50000");
    assertThat(line.getString("MnrcDrotDsnc")).isEqualTo("3");
    assertThat(rpcd(retry)).as("a blind retry with the same IsTuno cannot pay twice").isEqualTo("E0003");
    assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_200_000L);
  }

  @Test
  void latencyDelaysEveryAnswerAndClearingItRemovesTheDelay() {
    JsonObject body = new JsonObject().put("FinAcno", finAcno);
    sandbox.faults().latency(Duration.ofMillis(400));
    long slowStart = System.nanoTime();
    await(client.call("InquireBalance", body));
    Duration slowTook = Duration.ofNanos(System.nanoTime() - slowStart);
    sandbox.faults().clear();
    long fastStart = System.nanoTime();
    await(client.call("InquireBalance", body));
    Duration fastTook = Duration.ofNanos(System.nanoTime() - fastStart);
    assertThat(slowTook).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(fastTook).isLessThan(Duration.ofMillis(400));
  }

  @Test
  void aClientThatGivesUpDuringLatencyStillFindsTheDrawingDoneInTheHistory() {
    JsonObject header = client.header("DrawingTransfer");
    sandbox.faults().latency(Duration.ofSeconds(2));
    assertThat(failed(client.web.postAbs(client.url("DrawingTransfer")).timeout(200)
        .sendJsonObject(drawing(finAcno, 7_000).put("Header", header))))
        .as("the client timed out").isTrue();
    sandbox.faults().clear();
    JsonObject history = await(todaysHistory());
    assertThat(records(history).getJsonObject(0).getString("Tuno")).isEqualTo(header.getString("IsTuno"));
    assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_243_000L);
  }

  @Test
  void theFaultsEndpointSetsShowsAndClearsFaultsOverHttp() {
    JsonObject settings = new JsonObject()
        .put("latencyMs", 0)
        .put("failNext", new JsonObject().put("apiNm", "InquireBalance").put("times", 1).put("rpcd", "E9999"))
        .put("dropNext", new JsonObject().put("apiNm", "DrawingTransfer").put("times", 3));
    HttpResponse<Buffer> set = await(client.web.postAbs(client.sandbox.baseUrl() + "/sandbox/faults").sendJsonObject(settings));
    assertThat(set.statusCode()).isEqualTo(200);
    JsonObject now = set.bodyAsJsonObject();
    assertThat(now.getJsonObject("failNext").getJsonObject("InquireBalance").getInteger("times")).isEqualTo(1);
    assertThat(now.getJsonObject("dropNext").getJsonObject("DrawingTransfer").getInteger("times")).isEqualTo(3);

    JsonObject injected = await(client.call("InquireBalance", new JsonObject().put("FinAcno", finAcno)));
    assertThat(rpcd(injected)).isEqualTo("E9999");

    HttpResponse<Buffer> cleared = await(client.web.deleteAbs(client.sandbox.baseUrl() + "/sandbox/faults").send());
    assertThat(cleared.statusCode()).isEqualTo(200);
    assertThat(cleared.bodyAsJsonObject().getJsonObject("dropNext").isEmpty()).isTrue();

    HttpResponse<Buffer> bad = await(client.web.postAbs(client.sandbox.baseUrl() + "/sandbox/faults")
        .sendJsonObject(new JsonObject().put("failNext",
            new JsonObject().put("apiNm", "DrawingTransfer.nh").put("rpcd", "E9999"))));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("Rpcd")).isEqualTo("E0002");
    assertThat(bad.bodyAsJsonObject().getString("Rsms")).contains("apiNm");

    JsonObject afterClear = await(client.call("DrawingTransfer", drawing(finAcno, 1_000)));
    assertThat(rpcd(afterClear)).as("the cleared drop no longer applies").isEqualTo("00000");
  }

  @Test
  void faultsRefuseUnknownApisBadCodesAndNoTimes() {
    assertThatThrownBy(() -> sandbox.faults().failNext("/DrawingTransfer.nh", 1, "E9999", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiNm");
    assertThatThrownBy(() -> sandbox.faults().failNext("DrawingTransfer", 1, "9999", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpcd");
    assertThatThrownBy(() -> sandbox.faults().dropNext("DrawingTransfer", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
    assertThatThrownBy(() -> sandbox.faults().latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultsCanBeSetFromAnyThreadAndEachPendingFailureIsUsedOnce() throws InterruptedException {
    Thread other = new Thread(() -> sandbox.faults().failNext("InquireBalance", 1, "E9999", null));
    other.start();
    other.join();
    JsonObject body = new JsonObject().put("FinAcno", finAcno);
    Future<JsonObject> one = client.call("InquireBalance", body);
    Future<JsonObject> two = client.call("InquireBalance", body);
    String first = rpcd(await(one));
    String second = rpcd(await(two));
    assertThat(new String[] {first, second}).containsExactlyInAnyOrder("E9999", "00000");
  }
}
