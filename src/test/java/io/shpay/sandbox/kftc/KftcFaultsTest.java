package io.shpay.sandbox.kftc;

import io.shpay.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
class KftcFaultsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private KftcSandbox sandbox;
  private SandboxClient client;
  private String minjiKb;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    KftcSandboxOptions options = KftcSandboxOptions.defaults().withClock(clock).withAutoApprove(true);
    KftcSandbox.start(vertx, options).onComplete(ctx.succeeding(started -> {
      sandbox = started;
      client = new SandboxClient(vertx, started, options);
      minjiKb = started.bank().fintechUseNums(started.bank().personIds().get(0)).get(0);
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sandbox.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void failNextAnswersTheInjectedCodesWithoutMovingMoneyThenStops(VertxTestContext ctx) {
    String failed = client.newBankTranId();
    sandbox.faults().failNext(SandboxClient.WITHDRAW, 1, "A0002", "999");
    client.userAccessToken(null)
        .compose(token -> client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 10_000, failed))
            .compose(first -> {
              ctx.verify(() -> {
                assertThat(first.getInteger("_http_status")).isEqualTo(200);
                assertThat(first.getString("rsp_code")).isEqualTo("A0002");
                assertThat(first.getString("bank_rsp_code")).isEqualTo("999");
                assertThat(first.getString("bank_tran_id")).isEqualTo(failed);
                assertThat(first.getString("bank_code_tran")).isEqualTo("004");
                assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_350_000L);
              });
              return client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 10_000, client.newBankTranId()));
            }))
        .compose(second -> client.oobAccessToken()
            .compose(oob -> client.post(SandboxClient.RESULT, oob, client.resultQuery("1", failed, client.today(), 10_000)))
            .map(result -> new JsonObject[] {second, result}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0].getString("rsp_code")).isEqualTo("A0000");
          assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_340_000L);
          assertThat(both[1].getJsonArray("res_list").getJsonObject(0).getString("bank_rsp_code"))
              .as("the failed withdrawal never reached the bank").isEqualTo("400");
          ctx.completeNow();
        })));
  }

  @Test
  void failNextWithoutABankCodeAnswersAKftcError(VertxTestContext ctx) {
    sandbox.faults().failNext(SandboxClient.BALANCE, 2, "O0002", null);
    client.userAccessToken(null)
        .compose(token -> client.balance(token, minjiKb).compose(first -> client.balance(token, minjiKb)
            .compose(second -> client.balance(token, minjiKb).map(third -> new JsonObject[] {first, second, third}))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all[0].getString("rsp_code")).isEqualTo("O0002");
          assertThat(all[0].getString("bank_rsp_code")).isEmpty();
          assertThat(all[1].getString("rsp_code")).isEqualTo("O0002");
          assertThat(all[2].getString("rsp_code")).isEqualTo("A0000");
          ctx.completeNow();
        })));
  }

  @Test
  void latencyDelaysEveryAnswerAndClearingItRemovesTheDelay(VertxTestContext ctx) {
    client.userAccessToken(null).compose(token -> {
          sandbox.faults().latency(Duration.ofMillis(400));
          long slowStart = System.nanoTime();
          return client.balance(token, minjiKb).map(slow -> Duration.ofNanos(System.nanoTime() - slowStart))
              .compose(slowTook -> {
                sandbox.faults().latency(Duration.ZERO);
                long fastStart = System.nanoTime();
                return client.balance(token, minjiKb)
                    .map(fast -> new Duration[] {slowTook, Duration.ofNanos(System.nanoTime() - fastStart)});
              });
        })
        .onComplete(ctx.succeeding(took -> ctx.verify(() -> {
          assertThat(took[0]).isGreaterThanOrEqualTo(Duration.ofMillis(400));
          assertThat(took[1]).isLessThan(Duration.ofMillis(400));
          ctx.completeNow();
        })));
  }

  @Test
  void aClientThatGivesUpDuringLatencyStillFindsTheWithdrawalDone(VertxTestContext ctx) {
    String bankTranId = client.newBankTranId();
    client.userAccessToken(null)
        .compose(token -> {
          sandbox.faults().latency(Duration.ofSeconds(2));
          return client.web.postAbs(client.url(SandboxClient.WITHDRAW)).bearerTokenAuthentication(token)
              .timeout(200).sendJsonObject(client.withdrawal(minjiKb, 7_000, bankTranId))
              .transform(outcome -> {
                ctx.verify(() -> assertThat(outcome.failed()).as("the client timed out").isTrue());
                sandbox.faults().clear();
                return client.oobAccessToken();
              });
        })
        .compose(oob -> client.post(SandboxClient.RESULT, oob, client.resultQuery("1", bankTranId, client.today(), 7_000)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getJsonArray("res_list").getJsonObject(0).getString("bank_rsp_code")).isEqualTo("000");
          assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_343_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void dropNextMovesTheMoneyClosesTheConnectionAndTransferResultReportsSuccess(VertxTestContext ctx) {
    String bankTranId = client.newBankTranId();
    sandbox.faults().dropNext(SandboxClient.WITHDRAW, 1);
    client.userAccessToken(null)
        .compose(token -> client.web.postAbs(client.url(SandboxClient.WITHDRAW)).bearerTokenAuthentication(token)
            .sendJsonObject(client.withdrawal(minjiKb, 50_000, bankTranId))
            .transform(outcome -> {
              ctx.verify(() -> {
                assertThat(outcome.failed()).as("no answer, the connection was closed").isTrue();
                assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_300_000L);
                assertThat(sandbox.bank().withdrawCount(minjiKb)).isEqualTo(1);
              });
              return client.oobAccessToken();
            })
            .compose(oob -> client.post(SandboxClient.RESULT, oob,
                client.resultQuery("1", bankTranId, client.today(), 50_000)))
            .compose(result -> client.post(SandboxClient.WITHDRAW, token,
                    client.withdrawal(minjiKb, 50_000, bankTranId))
                .map(retry -> new JsonObject[] {result, retry})))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject line = both[0].getJsonArray("res_list").getJsonObject(0);
          assertThat(line.getString("bank_rsp_code")).isEqualTo("000");
          assertThat(line.getString("tran_amt")).isEqualTo("50000");
          assertThat(both[1].getString("rsp_code")).as("a blind retry with the same id cannot pay twice").isEqualTo("A0004");
          assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_300_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void theFaultsEndpointSetsShowsAndClearsFaultsOverHttp(VertxTestContext ctx) {
    JsonObject settings = new JsonObject()
        .put("latencyMs", 0)
        .put("failNext", new JsonObject().put("path", SandboxClient.BALANCE).put("times", 1)
            .put("rspCode", "A0002").put("bankRspCode", "499"))
        .put("dropNext", new JsonObject().put("path", SandboxClient.DEPOSIT).put("times", 3));
    client.web.postAbs(client.url("/sandbox/faults")).sendJsonObject(settings)
        .compose(set -> {
          ctx.verify(() -> {
            assertThat(set.statusCode()).isEqualTo(200);
            JsonObject now = set.bodyAsJsonObject();
            assertThat(now.getJsonObject("failNext").getJsonObject(SandboxClient.BALANCE).getInteger("times")).isEqualTo(1);
            assertThat(now.getJsonObject("dropNext").getJsonObject(SandboxClient.DEPOSIT).getInteger("times")).isEqualTo(3);
          });
          return client.userAccessToken(null).compose(token -> client.balance(token, minjiKb));
        })
        .compose(injected -> {
          ctx.verify(() -> assertThat(injected.getString("bank_rsp_code")).isEqualTo("499"));
          return client.web.deleteAbs(client.url("/sandbox/faults")).send();
        })
        .compose(cleared -> {
          ctx.verify(() -> {
            assertThat(cleared.statusCode()).isEqualTo(200);
            assertThat(cleared.bodyAsJsonObject().getJsonObject("dropNext").isEmpty()).isTrue();
          });
          return client.web.postAbs(client.url("/sandbox/faults"))
              .sendJsonObject(new JsonObject().put("failNext", new JsonObject().put("path", "no-slash").put("rspCode", "A0002")));
        })
        .onComplete(ctx.succeeding(bad -> ctx.verify(() -> {
          assertThat(bad.statusCode()).isEqualTo(400);
          assertThat(bad.bodyAsJsonObject().getString("rsp_code")).isEqualTo("A0004");
          ctx.completeNow();
        })));
  }

  @Test
  void faultsCanBeSetFromAnyThreadAndEachPendingFailureIsUsedOnce(VertxTestContext ctx) throws InterruptedException {
    Thread other = new Thread(() -> sandbox.faults().failNext(SandboxClient.BALANCE, 1, "A0002", "420"));
    other.start();
    other.join();
    client.userAccessToken(null)
        .compose(token -> Future.all(client.balance(token, minjiKb), client.balance(token, minjiKb)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          String first = ((JsonObject) both.resultAt(0)).getString("bank_rsp_code");
          String second = ((JsonObject) both.resultAt(1)).getString("bank_rsp_code");
          assertThat(new String[] {first, second}).containsExactlyInAnyOrder("420", "000");
          ctx.completeNow();
        })));
  }
}
