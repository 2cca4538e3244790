package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.local.FreePorts;
import io.shpay.testing.BankingStack;
import io.shpay.testing.HookReceiver;
import io.shpay.testing.SseClient;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Moves between a user's own linked accounts against the KFTC sandbox: money is conserved (SH Pay's
 * contract account ends where it started), a refused deposit is returned to the first account, a
 * retry with the same key moves money once, and the standalone deposit that printed money is gone.
 * Steps run one after another on the test thread.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OwnAccountMovesTest {

  private static final String DEPOSIT_PATH = "/v2.0/transfer/deposit/fin_num";

  private static final int SLACK_PORT = FreePorts.pick();

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + SLACK_PORT + "/services/T000/B000/moves-test"),
      UnaryOperator.identity());

  private static HookReceiver slack;

  @BeforeAll
  static void slack() {
    slack = await(HookReceiver.start(STACK.vertx(), SLACK_PORT));
  }

  @AfterAll
  static void closeSlack() {
    await(slack.close());
  }

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  /** A new SH Pay user linked to seeded person 0, who has three accounts. */
  private record Owner(String token, String accountA, String fintechA, String accountB, String fintechB) {}

  private static Owner owner() {
    JsonObject user = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(0)));
    String a = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String b = user.getJsonArray("accounts").getJsonObject(1).getString("id");
    return new Owner(user.getString("accessToken"), a, await(STACK.fintechUseNum(a)), b, await(STACK.fintechUseNum(b)));
  }

  private static HttpResponse<Buffer> move(Owner owner, String key, long amount) {
    return await(STACK.api().request(HttpMethod.POST, "/api/v1/transfers").bearerTokenAuthentication(owner.token())
        .putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("fromAccountId", owner.accountA()).put("toAccountId", owner.accountB())
            .put("amount", amount)));
  }

  private static long balance(String fintechUseNum) {
    return STACK.sandbox().bank().balance(fintechUseNum);
  }

  /**
   * Every sandbox transfer is between a person's account and SH Pay's contract account, so the
   * people's money in total is unchanged exactly when the contract account is.
   */
  private static long everyonesMoney() {
    var bank = STACK.sandbox().bank();
    return bank.personIds().stream().flatMap(person -> bank.fintechUseNums(person).stream())
        .mapToLong(bank::balance).sum();
  }

  @Test
  void aMoveTakesFromOneOwnAccountAndPaysIntoTheOtherLeavingShPayWhole() {
    Owner owner = owner();
    long a = balance(owner.fintechA());
    long b = balance(owner.fintechB());
    long total = everyonesMoney();
    SseClient stream = await(SseClient.open(STACK.vertx(), STACK.app().port(), "/api/v1/notifications",
        owner.token(), null));

    HttpResponse<Buffer> created = move(owner, UUID.randomUUID().toString(), 23_456);

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject view = created.bodyAsJsonObject();
    assertThat(view.getString("status")).isEqualTo("COMPLETED");
    assertThat(view.getJsonObject("legs").getJsonObject("withdrawal").getString("status")).isEqualTo("APPROVED");
    assertThat(view.getJsonObject("legs").getJsonObject("deposit").getString("status")).isEqualTo("APPROVED");
    assertThat(view.getJsonObject("legs").getValue("return")).isNull();
    assertThat(balance(owner.fintechA())).isEqualTo(a - 23_456);
    assertThat(balance(owner.fintechB())).isEqualTo(b + 23_456);
    assertThat(everyonesMoney()).as("SH Pay's contract account is unchanged").isEqualTo(total);

    HttpResponse<Buffer> followed = await(STACK.api().get("/api/v1/transfers/" + view.getString("id"), owner.token()));
    assertThat(followed.statusCode()).isEqualTo(200);
    assertThat(followed.bodyAsJsonObject().getString("status")).isEqualTo("COMPLETED");
    SseClient.Event completed = await(stream.await(event -> "move.completed".equals(event.event()), "move.completed"));
    assertThat(completed.json().getString("id")).isEqualTo(view.getString("id"));
    await(stream.close());
  }

  @Test
  void anotherUsersMoveIsTheSame404AsAMissingOne() {
    Owner owner = owner();
    Owner stranger = owner();
    String id = move(owner, UUID.randomUUID().toString(), 1_000).bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> foreign = await(STACK.api().get("/api/v1/transfers/" + id, stranger.token()));
    HttpResponse<Buffer> missing = await(STACK.api().get("/api/v1/transfers/" + UUID.randomUUID(), stranger.token()));

    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(foreign.bodyAsJsonObject().getString("detail")).isEqualTo(missing.bodyAsJsonObject().getString("detail"));
  }

  @Test
  void aRefusedDepositIsReturnedToTheFirstAccount() {
    Owner owner = owner();
    long a = balance(owner.fintechA());
    long b = balance(owner.fintechB());
    long total = everyonesMoney();
    int depositsToA = STACK.sandbox().bank().depositCount(owner.fintechA());
    STACK.sandbox().faults().failNext(DEPOSIT_PATH, 1, "A0002", "400");

    HttpResponse<Buffer> created = move(owner, UUID.randomUUID().toString(), 7_000);

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(422);
    assertThat(created.bodyAsJsonObject().getString("code")).isEqualTo("bank_rejected");
    assertThat(created.bodyAsJsonObject().getString("detail")).contains("went back to the first account");
    assertThat(balance(owner.fintechA())).isEqualTo(a);
    assertThat(balance(owner.fintechB())).isEqualTo(b);
    assertThat(STACK.sandbox().bank().depositCount(owner.fintechA())).isEqualTo(depositsToA + 1);
    assertThat(everyonesMoney()).isEqualTo(total);
    var uuid = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .matcher(created.bodyAsJsonObject().getString("detail"));
    assertThat(uuid.find()).isTrue();
    String id = uuid.group();
    JsonObject view = await(STACK.api().get("/api/v1/transfers/" + id, owner.token())).bodyAsJsonObject();
    assertThat(view.getString("status")).isEqualTo("RETURNED");
    assertThat(view.getJsonObject("legs").getJsonObject("deposit").getString("status")).isEqualTo("FAILED");
    assertThat(view.getJsonObject("legs").getJsonObject("return").getString("status")).isEqualTo("APPROVED");
  }

  @Test
  void whenTheWayBackIsRefusedTooOperatorsAreAlerted() {
    Owner owner = owner();
    long a = balance(owner.fintechA());
    long b = balance(owner.fintechB());
    STACK.sandbox().faults().failNext(DEPOSIT_PATH, 2, "A0002", "400");

    HttpResponse<Buffer> created = move(owner, UUID.randomUUID().toString(), 6_000);

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(422);
    assertThat(created.bodyAsJsonObject().getString("detail")).contains("by hand");
    assertThat(balance(owner.fintechA())).isEqualTo(a - 6_000);
    assertThat(balance(owner.fintechB())).isEqualTo(b);
    var uuid = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .matcher(created.bodyAsJsonObject().getString("detail"));
    assertThat(uuid.find()).isTrue();
    String id = uuid.group();
    assertThat(await(STACK.api().get("/api/v1/transfers/" + id, owner.token())).bodyAsJsonObject().getString("status"))
        .isEqualTo("RETURN_FAILED");
    await(slack.await(received -> received.stream().anyMatch(r -> r.body().contains(id)),
        "the operators' alert about move " + id));
  }

  @Test
  void aDepositWhoseAnswerWasLostIsLookedUpNotSentAgain() {
    Owner owner = owner();
    long b = balance(owner.fintechB());
    int depositsToB = STACK.sandbox().bank().depositCount(owner.fintechB());
    STACK.sandbox().faults().dropNext(DEPOSIT_PATH, 1);

    HttpResponse<Buffer> created = move(owner, UUID.randomUUID().toString(), 3_210);

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(balance(owner.fintechB())).isEqualTo(b + 3_210);
    assertThat(STACK.sandbox().bank().depositCount(owner.fintechB())).isEqualTo(depositsToB + 1);
  }

  @Test
  void aRetryWithTheSameKeyMovesMoneyOnce() {
    Owner owner = owner();
    long a = balance(owner.fintechA());
    long b = balance(owner.fintechB());
    String key = UUID.randomUUID().toString();

    List<Future<HttpResponse<Buffer>>> racing = java.util.stream.IntStream.range(0, 4)
        .mapToObj(i -> STACK.api().request(HttpMethod.POST, "/api/v1/transfers").bearerTokenAuthentication(owner.token())
            .putHeader("Idempotency-Key", key)
            .sendJsonObject(new JsonObject().put("fromAccountId", owner.accountA())
                .put("toAccountId", owner.accountB()).put("amount", 5_000)))
        .toList();
    await(Future.join(racing));
    HttpResponse<Buffer> retried = move(owner, key, 5_000);

    assertThat(racing.stream().map(f -> f.result().statusCode()).toList()).containsOnly(201, 409).contains(201);
    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(retried.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(balance(owner.fintechA())).isEqualTo(a - 5_000);
    assertThat(balance(owner.fintechB())).isEqualTo(b + 5_000);
  }

  @Test
  void theMoveItselfIsKeyedSoEvenARetryPastTheApiMovesMoneyOnce() {
    Owner owner = owner();
    long a = balance(owner.fintechA());
    String userId = await(STACK.api().get("/api/v1/users/me", owner.token())).bodyAsJsonObject().getString("id");
    OpenBankingService openBanking = OpenBankingService.proxy(STACK.app().app().vertx());
    String key = UUID.randomUUID().toString();
    MoveRequest request = MoveRequest.of(userId, key, owner.accountA(), owner.accountB(), 2_500, null);

    MoveView first = await(openBanking.move(request));
    MoveView again = await(openBanking.move(request));
    Throwable otherBody = await(openBanking.move(MoveRequest.of(userId, key, owner.accountA(), owner.accountB(), 2_600,
        null)).transform(answer -> Future.succeededFuture(answer.cause())));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).isEqualTo("COMPLETED");
    assertThat(balance(owner.fintechA())).isEqualTo(a - 2_500);
    assertThat(otherBody).isInstanceOf(io.vertx.serviceproxy.ServiceException.class);
    assertThat(otherBody.getMessage()).contains("Idempotency-Key");
  }

  @Test
  void theStandaloneDepositIsGoneAndNoUserRouteRaisesABalance() {
    Owner owner = owner();
    long a = balance(owner.fintechA());
    long total = everyonesMoney();

    HttpResponse<Buffer> deposit = await(STACK.transfer(owner.token(), "deposit", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", owner.accountA()).put("amount", 1_000_000)));
    HttpResponse<Buffer> toItself = await(STACK.api().request(HttpMethod.POST, "/api/v1/transfers")
        .bearerTokenAuthentication(owner.token()).putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("fromAccountId", owner.accountA()).put("toAccountId", owner.accountA())
            .put("amount", 1_000)));

    assertThat(deposit.statusCode()).isIn(404, 405);
    assertThat(toItself.statusCode()).isEqualTo(400);
    assertThat(toItself.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("toAccountId");
    assertThat(balance(owner.fintechA())).isEqualTo(a);
    assertThat(everyonesMoney()).isEqualTo(total);
  }

}
