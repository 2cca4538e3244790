package io.shpay.sandbox.nh;

import io.shpay.testing.MutableClock;
import static io.shpay.sandbox.nh.NhTestClient.MINJI;
import static io.shpay.sandbox.nh.NhTestClient.drawing;
import static io.shpay.sandbox.nh.NhTestClient.historyQuery;
import static io.shpay.sandbox.nh.NhTestClient.records;
import static io.shpay.sandbox.nh.NhTestClient.rpcd;
import static io.shpay.sandbox.nh.NhTestClient.rsms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Fault injection: failures, latency and dropped answers, from Java and over HTTP. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class NhFaultsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private NhSandbox sandbox;
  private NhTestClient client;
  private String finAcno;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    NhSandboxOptions options = NhSandboxOptions.defaults().withClock(clock);
    NhSandbox.start(vertx, options)
        .compose(started -> {
          sandbox = started;
          client = new NhTestClient(vertx, started, options);
          return client.finAcno(MINJI);
        })
        .onComplete(ctx.succeeding(issued -> {
          finAcno = issued;
          ctx.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    (sandbox == null ? Future.<Void>succeededFuture() : sandbox.close()).onComplete(ctx.succeedingThenComplete());
  }

  /** Today's lines of Minji's account, newest first: where a client settles a transfer it never heard back from. */
  private Future<JsonObject> todaysHistory() {
    return client.call("InquireTransactionHistory",
        historyQuery(MINJI, client.today(), client.today(), "A", "DESC", 1, 100));
  }

  @Test
  void failNextAnswersTheInjectedCodeWithoutMovingMoneyOrUsingUpTheIsTuno(VertxTestContext ctx) {
    JsonObject header = client.header("DrawingTransfer");
    sandbox.faults().failNext("DrawingTransfer", 1, "E9999", "처리결과 미확인");
    client.call("DrawingTransfer", header, drawing(finAcno, 10_000))
        .compose(failed -> {
          ctx.verify(() -> {
            assertThat(failed.getInteger("_http_status")).isEqualTo(200);
            assertThat(rpcd(failed)).isEqualTo("E9999");
            assertThat(rsms(failed)).isEqualTo("처리결과 미확인");
            assertThat(failed.getJsonObject("Header").getString("IsTuno")).isEqualTo(header.getString("IsTuno"));
            assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_250_000L);
          });
          return todaysHistory();
        })
        .compose(history -> {
          ctx.verify(() -> assertThat(records(history)).as("nothing reached the bank").isEmpty());
          return client.call("DrawingTransfer", header.copy(), drawing(finAcno, 10_000));
        })
        .onComplete(ctx.succeeding(retry -> ctx.verify(() -> {
          assertThat(rpcd(retry)).as("the injected failure never used the IsTuno").isEqualTo("00000");
          assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_240_000L);
          assertThat(sandbox.bank().drawingCount(finAcno)).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void failNextWithoutAMessageUsesTheCodesOwnAndCountsDown(VertxTestContext ctx) {
    sandbox.faults().failNext("InquireBalance", 2, "E0001", null);
    JsonObject body = new JsonObject().put("FinAcno", finAcno);
    client.call("InquireBalance", body)
        .compose(first -> client.call("InquireBalance", body)
            .compose(second -> client.call("InquireBalance", body).map(third -> new JsonObject[] {first, second, third})))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(rpcd(all[0])).isEqualTo("E0001");
          assertThat(rsms(all[0])).contains("AccessToken").contains("sandbox fault injection");
          assertThat(rpcd(all[1])).isEqualTo("E0001");
          assertThat(rpcd(all[2])).isEqualTo("00000");
          assertThat(all[2].getString("Ldbl")).isEqualTo("1250000");
          ctx.completeNow();
        })));
  }

  @Test
  void dropNextMovesTheMoneyClosesTheConnectionAndTheHistoryShowsTheIsTuno(VertxTestContext ctx) {
    JsonObject header = client.header("DrawingTransfer");
    sandbox.faults().dropNext("DrawingTransfer", 1);
    client.send("DrawingTransfer", drawing(finAcno, 50_000).put("Header", header))
        .transform(outcome -> {
          ctx.verify(() -> {
            assertThat(outcome.failed()).as("no answer, the connection was closed").isTrue();
            assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_200_000L);
            assertThat(sandbox.bank().drawingCount(finAcno)).isEqualTo(1);
          });
          return todaysHistory();
        })
        .compose(history -> client.call("DrawingTransfer", header.copy(), drawing(finAcno, 50_000))
            .map(retry -> new JsonObject[] {history, retry}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject line = records(both[0]).getJsonObject(0);
          assertThat(line.getString("Tuno")).isEqualTo(header.getString("IsTuno"));
          assertThat(line.getString("Tram")).isEqualTo("50000");
          assertThat(line.getString("MnrcDrotDsnc")).isEqualTo("3");
          assertThat(rpcd(both[1])).as("a blind retry with the same IsTuno cannot pay twice").isEqualTo("E0003");
          assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_200_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void latencyDelaysEveryAnswerAndClearingItRemovesTheDelay(VertxTestContext ctx) {
    JsonObject body = new JsonObject().put("FinAcno", finAcno);
    sandbox.faults().latency(Duration.ofMillis(400));
    long slowStart = System.nanoTime();
    client.call("InquireBalance", body)
        .map(slow -> Duration.ofNanos(System.nanoTime() - slowStart))
        .compose(slowTook -> {
          sandbox.faults().clear();
          long fastStart = System.nanoTime();
          return client.call("InquireBalance", body)
              .map(fast -> new Duration[] {slowTook, Duration.ofNanos(System.nanoTime() - fastStart)});
        })
        .onComplete(ctx.succeeding(took -> ctx.verify(() -> {
          assertThat(took[0]).isGreaterThanOrEqualTo(Duration.ofMillis(400));
          assertThat(took[1]).isLessThan(Duration.ofMillis(400));
          ctx.completeNow();
        })));
  }

  @Test
  void aClientThatGivesUpDuringLatencyStillFindsTheDrawingDoneInTheHistory(VertxTestContext ctx) {
    JsonObject header = client.header("DrawingTransfer");
    sandbox.faults().latency(Duration.ofSeconds(2));
    client.web.postAbs(client.url("DrawingTransfer")).timeout(200)
        .sendJsonObject(drawing(finAcno, 7_000).put("Header", header))
        .transform(outcome -> {
          ctx.verify(() -> assertThat(outcome.failed()).as("the client timed out").isTrue());
          sandbox.faults().clear();
          return todaysHistory();
        })
        .onComplete(ctx.succeeding(history -> ctx.verify(() -> {
          assertThat(records(history).getJsonObject(0).getString("Tuno")).isEqualTo(header.getString("IsTuno"));
          assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_243_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void theSharedFaultBodyArmsAFaultForACountOrUntilResetAndListsArmSeveral() throws Exception {
    String faults = client.sandbox.baseUrl() + "/sandbox/faults";
    JsonObject settings = new JsonObject()
        .put("failNext", new JsonArray()
            .add(new JsonObject().put("operation", "InquireBalance").put("times", "always").put("code", "E9999")
                .put("message", "maintenance"))
            .add(new JsonObject().put("operation", "InquireDepositorAccountNumber").put("times", 2).put("code", "E0001")));
    JsonObject now = await(client.web.postAbs(faults).sendJsonObject(settings)).bodyAsJsonObject();
    assertThat(now.getJsonObject("failNext").getJsonObject("InquireBalance"))
        .isEqualTo(new JsonObject().put("times", "always").put("code", "E9999").put("message", "maintenance"));
    assertThat(now.getJsonObject("failNext").getJsonObject("InquireDepositorAccountNumber").getInteger("times")).isEqualTo(2);

    for (int i = 0; i < 5; i++) {
      JsonObject answer = await(client.call("InquireBalance", new JsonObject().put("FinAcno", finAcno)));
      assertThat(rpcd(answer)).as("call %d while armed until reset", i).isEqualTo("E9999");
    }
    await(client.web.deleteAbs(faults).send());
    assertThat(rpcd(await(client.call("InquireBalance", new JsonObject().put("FinAcno", finAcno))))).isEqualTo("00000");

    HttpResponse<Buffer> bad = await(client.web.postAbs(faults).sendJsonObject(new JsonObject()
        .put("dropNext", new JsonObject().put("operation", "DrawingTransfer").put("times", "forever"))));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("error")).contains("times");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theFaultsEndpointSetsShowsAndClearsFaultsOverHttp(VertxTestContext ctx) {
    JsonObject settings = new JsonObject()
        .put("latencyMs", 0)
        .put("failNext", new JsonObject().put("apiNm", "InquireBalance").put("times", 1).put("rpcd", "E9999"))
        .put("dropNext", new JsonObject().put("apiNm", "DrawingTransfer").put("times", 3));
    client.web.postAbs(client.sandbox.baseUrl() + "/sandbox/faults").sendJsonObject(settings)
        .compose(set -> {
          ctx.verify(() -> {
            assertThat(set.statusCode()).isEqualTo(200);
            JsonObject now = set.bodyAsJsonObject();
            assertThat(now.getJsonObject("failNext").getJsonObject("InquireBalance").getInteger("times")).isEqualTo(1);
            assertThat(now.getJsonObject("dropNext").getJsonObject("DrawingTransfer").getInteger("times")).isEqualTo(3);
          });
          return client.call("InquireBalance", new JsonObject().put("FinAcno", finAcno));
        })
        .compose(injected -> {
          ctx.verify(() -> assertThat(rpcd(injected)).isEqualTo("E9999"));
          return client.web.deleteAbs(client.sandbox.baseUrl() + "/sandbox/faults").send();
        })
        .compose(cleared -> {
          ctx.verify(() -> {
            assertThat(cleared.statusCode()).isEqualTo(200);
            assertThat(cleared.bodyAsJsonObject().getJsonObject("dropNext").isEmpty()).isTrue();
          });
          return client.web.postAbs(client.sandbox.baseUrl() + "/sandbox/faults")
              .sendJsonObject(new JsonObject().put("failNext",
                  new JsonObject().put("apiNm", "DrawingTransfer.nh").put("rpcd", "E9999")));
        })
        .compose(bad -> {
          ctx.verify(() -> {
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.bodyAsJsonObject().getString("Rpcd")).isEqualTo("E0002");
            assertThat(bad.bodyAsJsonObject().getString("Rsms")).contains("apiNm");
          });
          return client.call("DrawingTransfer", drawing(finAcno, 1_000));
        })
        .onComplete(ctx.succeeding(afterClear -> ctx.verify(() -> {
          assertThat(rpcd(afterClear)).as("the cleared drop no longer applies").isEqualTo("00000");
          ctx.completeNow();
        })));
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
  void faultsCanBeSetFromAnyThreadAndEachPendingFailureIsUsedOnce(VertxTestContext ctx) throws InterruptedException {
    Thread other = new Thread(() -> sandbox.faults().failNext("InquireBalance", 1, "E9999", null));
    other.start();
    other.join();
    JsonObject body = new JsonObject().put("FinAcno", finAcno);
    Future.all(client.call("InquireBalance", body), client.call("InquireBalance", body))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          String first = rpcd(both.resultAt(0));
          String second = rpcd(both.resultAt(1));
          assertThat(new String[] {first, second}).containsExactlyInAnyOrder("E9999", "00000");
          ctx.completeNow();
        })));
  }
}
