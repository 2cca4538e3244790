package io.shpay.sandbox.kftc;

import io.shpay.testing.MutableClock;
import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

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
class KftcFaultsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private KftcSandbox sandbox;
  private SandboxClient client;
  private String minjiKb;

  @BeforeEach
  void start(Vertx vertx) {
    KftcSandboxOptions options = KftcSandboxOptions.defaults().withClock(clock).withAutoApprove(true);
    sandbox = await(KftcSandbox.start(vertx, options));
    client = new SandboxClient(vertx, sandbox, options);
    minjiKb = sandbox.bank().fintechUseNums(sandbox.bank().personIds().get(0)).get(0);
  }

  @AfterEach
  void stop() {
    await(sandbox.close());
  }

  /** Whether the future failed, once it is done (a timed-out or dropped call). */
  private static boolean failed(Future<?> call) {
    return await(call.transform(outcome -> Future.succeededFuture(outcome.failed())));
  }

  @Test
  void failNextAnswersTheInjectedCodesWithoutMovingMoneyThenStops() {
    String failed = client.newBankTranId();
    sandbox.faults().failNext(SandboxClient.WITHDRAW, 1, "A0002", "999");
    String token = await(client.userAccessToken(null));
    JsonObject first = await(client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 10_000, failed)));
    assertThat(first.getInteger("_http_status")).isEqualTo(200);
    assertThat(first.getString("rsp_code")).isEqualTo("A0002");
    assertThat(first.getString("bank_rsp_code")).isEqualTo("999");
    assertThat(first.getString("bank_tran_id")).isEqualTo(failed);
    assertThat(first.getString("bank_code_tran")).isEqualTo("004");
    assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_350_000L);

    JsonObject second = await(client.post(SandboxClient.WITHDRAW, token,
        client.withdrawal(minjiKb, 10_000, client.newBankTranId())));
    String oob = await(client.oobAccessToken());
    JsonObject result = await(client.post(SandboxClient.RESULT, oob, client.resultQuery("1", failed, client.today(), 10_000)));
    assertThat(second.getString("rsp_code")).isEqualTo("A0000");
    assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_340_000L);
    assertThat(result.getJsonArray("res_list").getJsonObject(0).getString("bank_rsp_code"))
        .as("the failed withdrawal never reached the bank").isEqualTo("400");
  }

  @Test
  void failNextWithoutABankCodeAnswersAKftcError() {
    sandbox.faults().failNext(SandboxClient.BALANCE, 2, "O0002", null);
    String token = await(client.userAccessToken(null));
    JsonObject first = await(client.balance(token, minjiKb));
    JsonObject second = await(client.balance(token, minjiKb));
    JsonObject third = await(client.balance(token, minjiKb));
    assertThat(first.getString("rsp_code")).isEqualTo("O0002");
    assertThat(first.getString("bank_rsp_code")).isEmpty();
    assertThat(second.getString("rsp_code")).isEqualTo("O0002");
    assertThat(third.getString("rsp_code")).isEqualTo("A0000");
  }

  @Test
  void latencyDelaysEveryAnswerAndClearingItRemovesTheDelay() {
    String token = await(client.userAccessToken(null));
    sandbox.faults().latency(Duration.ofMillis(400));
    long slowStart = System.nanoTime();
    await(client.balance(token, minjiKb));
    Duration slowTook = Duration.ofNanos(System.nanoTime() - slowStart);
    sandbox.faults().latency(Duration.ZERO);
    long fastStart = System.nanoTime();
    await(client.balance(token, minjiKb));
    Duration fastTook = Duration.ofNanos(System.nanoTime() - fastStart);
    assertThat(slowTook).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    assertThat(fastTook).isLessThan(Duration.ofMillis(400));
  }

  @Test
  void aClientThatGivesUpDuringLatencyStillFindsTheWithdrawalDone() {
    String bankTranId = client.newBankTranId();
    String token = await(client.userAccessToken(null));
    sandbox.faults().latency(Duration.ofSeconds(2));
    assertThat(failed(client.web.postAbs(client.url(SandboxClient.WITHDRAW)).bearerTokenAuthentication(token)
        .timeout(200).sendJsonObject(client.withdrawal(minjiKb, 7_000, bankTranId))))
        .as("the client timed out").isTrue();
    sandbox.faults().clear();
    String oob = await(client.oobAccessToken());
    JsonObject result = await(client.post(SandboxClient.RESULT, oob, client.resultQuery("1", bankTranId, client.today(), 7_000)));
    assertThat(result.getJsonArray("res_list").getJsonObject(0).getString("bank_rsp_code")).isEqualTo("000");
    assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_343_000L);
  }

  @Test
  void dropNextMovesTheMoneyClosesTheConnectionAndTransferResultReportsSuccess() {
    String bankTranId = client.newBankTranId();
    sandbox.faults().dropNext(SandboxClient.WITHDRAW, 1);
    String token = await(client.userAccessToken(null));
    assertThat(failed(client.web.postAbs(client.url(SandboxClient.WITHDRAW)).bearerTokenAuthentication(token)
        .sendJsonObject(client.withdrawal(minjiKb, 50_000, bankTranId))))
        .as("no answer, the connection was closed").isTrue();
    assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_300_000L);
    assertThat(sandbox.bank().withdrawCount(minjiKb)).isEqualTo(1);

    String oob = await(client.oobAccessToken());
    JsonObject result = await(client.post(SandboxClient.RESULT, oob,
        client.resultQuery("1", bankTranId, client.today(), 50_000)));
    JsonObject retry = await(client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 50_000, bankTranId)));
    JsonObject line = result.getJsonArray("res_list").getJsonObject(0);
    assertThat(line.getString("bank_rsp_code")).isEqualTo("000");
    assertThat(line.getString("tran_amt")).isEqualTo("50000");
    assertThat(retry.getString("rsp_code")).as("a blind retry with the same id cannot pay twice").isEqualTo("A0004");
    assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_300_000L);
  }

  @Test
  void theFaultsEndpointSetsShowsAndClearsFaultsOverHttp() {
    JsonObject settings = new JsonObject()
        .put("latencyMs", 0)
        .put("failNext", new JsonObject().put("path", SandboxClient.BALANCE).put("times", 1)
            .put("rspCode", "A0002").put("bankRspCode", "499"))
        .put("dropNext", new JsonObject().put("path", SandboxClient.DEPOSIT).put("times", 3));
    HttpResponse<Buffer> set = await(client.web.postAbs(client.url("/sandbox/faults")).sendJsonObject(settings));
    assertThat(set.statusCode()).isEqualTo(200);
    JsonObject now = set.bodyAsJsonObject();
    assertThat(now.getJsonObject("failNext").getJsonObject(SandboxClient.BALANCE).getInteger("times")).isEqualTo(1);
    assertThat(now.getJsonObject("dropNext").getJsonObject(SandboxClient.DEPOSIT).getInteger("times")).isEqualTo(3);

    String token = await(client.userAccessToken(null));
    JsonObject injected = await(client.balance(token, minjiKb));
    assertThat(injected.getString("bank_rsp_code")).isEqualTo("499");

    HttpResponse<Buffer> cleared = await(client.web.deleteAbs(client.url("/sandbox/faults")).send());
    assertThat(cleared.statusCode()).isEqualTo(200);
    assertThat(cleared.bodyAsJsonObject().getJsonObject("dropNext").isEmpty()).isTrue();

    HttpResponse<Buffer> bad = await(client.web.postAbs(client.url("/sandbox/faults"))
        .sendJsonObject(new JsonObject().put("failNext", new JsonObject().put("path", "no-slash").put("rspCode", "A0002"))));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("rsp_code")).isEqualTo("A0004");
  }

  @Test
  void faultsCanBeSetFromAnyThreadAndEachPendingFailureIsUsedOnce() throws InterruptedException {
    Thread other = new Thread(() -> sandbox.faults().failNext(SandboxClient.BALANCE, 1, "A0002", "420"));
    other.start();
    other.join();
    String token = await(client.userAccessToken(null));
    Future<JsonObject> one = client.balance(token, minjiKb);
    Future<JsonObject> two = client.balance(token, minjiKb);
    String first = await(one).getString("bank_rsp_code");
    String second = await(two).getString("bank_rsp_code");
    assertThat(new String[] {first, second}).containsExactlyInAnyOrder("420", "000");
  }
}
