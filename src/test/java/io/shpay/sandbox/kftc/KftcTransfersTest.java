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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Money: withdrawals, deposits, bank_tran_id rules, transfer/result and real-name inquiry. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class KftcTransfersTest {

  /** 23:59:00 in Seoul on 10 March 2026 (14:59 UTC): one minute before the KFTC day changes. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T14:59:00Z"));
  private KftcSandbox sandbox;
  private SandboxClient client;
  private String minjiKb;
  private String haeunWoori;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    KftcSandboxOptions options = KftcSandboxOptions.defaults().withClock(clock).withAutoApprove(true);
    KftcSandbox.start(vertx, options).onComplete(ctx.succeeding(started -> {
      sandbox = started;
      client = new SandboxClient(vertx, started, options);
      minjiKb = started.bank().fintechUseNums(started.bank().personIds().get(0)).get(0);
      haeunWoori = started.bank().fintechUseNums(started.bank().personIds().get(2)).get(0);
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sandbox.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aWithdrawalMovesTheMoneyAndShowsInTheHistory(VertxTestContext ctx) {
    String bankTranId = client.newBankTranId();
    client.userAccessToken(null)
        .compose(token -> client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 30_000, bankTranId))
            .compose(withdrawal -> client.get(SandboxClient.TRANSACTIONS, token, Map.of(
                    "bank_tran_id", client.newBankTranId(), "fintech_use_num", minjiKb, "inquiry_type", "O",
                    "inquiry_base", "D", "from_date", "20260301", "to_date", "20260310", "sort_order", "D",
                    "tran_dtime", client.tranDtime()))
                .map(history -> new JsonObject[] {withdrawal, history})))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject withdrawal = both[0];
          assertThat(withdrawal.getString("rsp_code")).isEqualTo("A0000");
          assertThat(withdrawal.getString("bank_rsp_code")).isEqualTo("000");
          assertThat(withdrawal.getString("bank_tran_id")).isEqualTo(bankTranId);
          assertThat(withdrawal.getString("bank_tran_date")).isEqualTo("20260310");
          assertThat(withdrawal.getString("bank_code_tran")).isEqualTo("004");
          assertThat(withdrawal.getString("tran_amt")).isEqualTo("30000");
          assertThat(withdrawal.getString("dps_account_holder_name")).isNotBlank();
          assertThat(withdrawal.getString("account_holder_name")).isEqualTo("김민지");
          assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_320_000L);
          assertThat(sandbox.bank().withdrawCount(minjiKb)).isEqualTo(1);
          JsonObject newest = both[1].getJsonArray("res_list").getJsonObject(0);
          assertThat(newest.getString("inout_type")).isEqualTo("출금");
          assertThat(newest.getString("tran_amt")).isEqualTo("30000");
          assertThat(newest.getString("after_balance_amt")).isEqualTo("2320000");
          assertThat(newest.getString("print_content")).isEqualTo("SH페이");
          ctx.completeNow();
        })));
  }

  @Test
  void withdrawingMoreThanTheBalanceIsRefusedWith551AndMovesNothing(VertxTestContext ctx) {
    String haeun = sandbox.bank().personIds().get(2);
    long before = sandbox.bank().balance(haeunWoori);
    client.userAccessToken(haeun)
        .compose(token -> client.post(SandboxClient.WITHDRAW, token, client.withdrawal(haeunWoori, before + 1,
            client.newBankTranId())))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.getInteger("_http_status")).isEqualTo(200);
          assertThat(answer.getString("rsp_code")).isEqualTo("A0002");
          assertThat(answer.getString("bank_rsp_code")).isEqualTo("551");
          assertThat(answer.getString("bank_rsp_message")).isNotBlank();
          assertThat(sandbox.bank().balance(haeunWoori)).isEqualTo(before);
          assertThat(sandbox.bank().withdrawCount(haeunWoori)).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void aWithdrawalNeedsTheTransferScope(VertxTestContext ctx) {
    client.userTokens(null, "login inquiry")
        .compose(tokens -> client.post(SandboxClient.WITHDRAW, tokens.getString("access_token"),
            client.withdrawal(minjiKb, 1_000, client.newBankTranId())))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.getString("rsp_code")).isEqualTo("O0011");
          assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_350_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aBankTranIdWithAnotherInstitutionsPrefixOrABadShapeIsA0004(VertxTestContext ctx) {
    client.userAccessToken(null)
        .compose(token -> Future.all(
            client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 1_000, "M999999999UABC123456")),
            client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 1_000, "M202600001Uabc123456")),
            client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 1_000, "M202600001U12345"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < 3; i++) {
            assertThat(((JsonObject) all.resultAt(i)).getString("rsp_code")).isEqualTo("A0004");
          }
          assertThat(((JsonObject) all.resultAt(0)).getString("rsp_message")).contains("M202600001");
          assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_350_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aTwelveHourOrImpossibleTranDtimeIsA0004(VertxTestContext ctx) {
    client.userAccessToken(null)
        .compose(token -> Future.all(
            client.post(SandboxClient.WITHDRAW, token,
                client.withdrawal(minjiKb, 1_000, client.newBankTranId()).put("tran_dtime", "20260310246000")),
            client.post(SandboxClient.WITHDRAW, token,
                client.withdrawal(minjiKb, 1_000, client.newBankTranId()).put("tran_dtime", "2026-03-10 11:00"))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(((JsonObject) all.resultAt(0)).getString("rsp_code")).isEqualTo("A0004");
          assertThat(((JsonObject) all.resultAt(1)).getString("rsp_code")).isEqualTo("A0004");
          ctx.completeNow();
        })));
  }

  @Test
  void aBodyThatIsNotJsonIsHttp400WithA0004(VertxTestContext ctx) {
    client.userAccessToken(null)
        .compose(token -> client.web.postAbs(client.url(SandboxClient.WITHDRAW)).bearerTokenAuthentication(token)
            .putHeader("Content-Type", "application/json").sendBuffer(io.vertx.core.buffer.Buffer.buffer("{not json")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(400);
          assertThat(response.bodyAsJsonObject().getString("rsp_code")).isEqualTo("A0004");
          ctx.completeNow();
        })));
  }

  @Test
  void aBankTranIdIsRefusedTwiceOnOneSeoulDayAndAcceptedAgainTheNextDay(VertxTestContext ctx) {
    String bankTranId = client.newBankTranId();
    client.userAccessToken(null)
        .compose(token -> client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 1_000, bankTranId))
            .compose(first -> client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 1_000, bankTranId))
                .compose(duplicate -> {
                  clock.advance(Duration.ofMinutes(2)); // 00:01 on 11 March in Seoul, still 10 March in UTC
                  return client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 1_000, bankTranId))
                      .map(nextDay -> new JsonObject[] {first, duplicate, nextDay});
                })))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all[0].getString("rsp_code")).isEqualTo("A0000");
          assertThat(all[1].getString("rsp_code")).isEqualTo("A0004");
          assertThat(all[1].getString("rsp_message")).contains("duplicate bank_tran_id");
          assertThat(all[2].getString("rsp_code")).isEqualTo("A0000");
          assertThat(all[2].getString("bank_tran_date")).isEqualTo("20260311");
          assertThat(sandbox.bank().withdrawCount(minjiKb)).isEqualTo(2);
          assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_348_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aDepositWithTheOobTokenAddsMoneyAndReportsInResList(VertxTestContext ctx) {
    String seojunShinhan = sandbox.bank().fintechUseNums(sandbox.bank().personIds().get(1)).get(0);
    long before = sandbox.bank().balance(seojunShinhan);
    String bankTranId = client.newBankTranId();
    client.oobAccessToken()
        .compose(oob -> client.post(SandboxClient.DEPOSIT, oob, client.deposit(seojunShinhan, 12_500, bankTranId)))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.getString("rsp_code")).isEqualTo("A0000");
          assertThat(answer.getString("res_cnt")).isEqualTo("1");
          assertThat(answer.getString("wd_account_holder_name")).isNotBlank();
          JsonObject line = answer.getJsonArray("res_list").getJsonObject(0);
          assertThat(line.getString("bank_tran_id")).isEqualTo(bankTranId);
          assertThat(line.getString("bank_rsp_code")).isEqualTo("000");
          assertThat(line.getString("account_holder_name")).isEqualTo("이서준");
          assertThat(line.getString("tran_amt")).isEqualTo("12500");
          assertThat(sandbox.bank().balance(seojunShinhan)).isEqualTo(before + 12_500);
          assertThat(sandbox.bank().depositCount(seojunShinhan)).isEqualTo(1);
          ctx.completeNow();
        })));
  }

  @Test
  void aDepositNeedsTheOobTokenNotAPersonsToken(VertxTestContext ctx) {
    client.userAccessToken(null)
        .compose(token -> client.post(SandboxClient.DEPOSIT, token, client.deposit(minjiKb, 1_000, client.newBankTranId())))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.getString("rsp_code")).isEqualTo("O0011");
          assertThat(sandbox.bank().depositCount(minjiKb)).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void transferResultReportsEachOriginalOutcomeOrNoSuchTransfer(VertxTestContext ctx) {
    String done = client.newBankTranId();
    String refused = client.newBankTranId();
    client.userAccessToken(null)
        .compose(token -> client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 5_000, done))
            .compose(ok -> client.post(SandboxClient.WITHDRAW, token, client.withdrawal(minjiKb, 999_999_999, refused))))
        .compose(ignored -> client.oobAccessToken())
        .compose(oob -> Future.all(
            client.post(SandboxClient.RESULT, oob, client.resultQuery("1", done, "20260310", 5_000)),
            client.post(SandboxClient.RESULT, oob, client.resultQuery("1", refused, "20260310", 999_999_999)),
            client.post(SandboxClient.RESULT, oob, client.resultQuery("1", client.newBankTranId(), "20260310", 5_000)),
            client.post(SandboxClient.RESULT, oob, client.resultQuery("2", done, "20260310", 5_000))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject success = ((JsonObject) all.resultAt(0)).getJsonArray("res_list").getJsonObject(0);
          assertThat(((JsonObject) all.resultAt(0)).getString("rsp_code")).isEqualTo("A0000");
          assertThat(success.getString("bank_tran_id")).isEqualTo(done);
          assertThat(success.getString("bank_rsp_code")).isEqualTo("000");
          assertThat(success.getString("tran_amt")).isEqualTo("5000");
          assertThat(success.getString("fintech_use_num")).isEqualTo(minjiKb);
          JsonObject insufficient = ((JsonObject) all.resultAt(1)).getJsonArray("res_list").getJsonObject(0);
          assertThat(insufficient.getString("bank_rsp_code")).isEqualTo("551");
          JsonObject never = ((JsonObject) all.resultAt(2)).getJsonArray("res_list").getJsonObject(0);
          assertThat(never.getString("bank_rsp_code")).isEqualTo("400");
          JsonObject wrongKind = ((JsonObject) all.resultAt(3)).getJsonArray("res_list").getJsonObject(0);
          assertThat(wrongKind.getString("bank_rsp_code")).as("a withdrawal is no deposit").isEqualTo("400");
          ctx.completeNow();
        })));
  }

  @Test
  void realNameNamesTheHolderOfASeededAccountAndRefusesUnknownOnesWith412(VertxTestContext ctx) {
    client.oobAccessToken()
        .compose(oob -> Future.all(
            client.post(SandboxClient.REAL_NAME, oob, realName("004", "12345601234567")),
            client.post(SandboxClient.REAL_NAME, oob, realName("004", "99999999999999"))))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject found = both.resultAt(0);
          assertThat(found.getString("rsp_code")).isEqualTo("A0000");
          assertThat(found.getString("bank_rsp_code")).isEqualTo("000");
          assertThat(found.getString("account_holder_name")).isEqualTo("김민지");
          assertThat(found.getString("bank_name")).isEqualTo("KB국민은행");
          JsonObject missing = both.resultAt(1);
          assertThat(missing.getString("rsp_code")).isEqualTo("A0002");
          assertThat(missing.getString("bank_rsp_code")).isEqualTo("412");
          assertThat(missing.getString("bank_code_tran")).isEqualTo("004");
          ctx.completeNow();
        })));
  }

  private JsonObject realName(String bankCode, String accountNum) {
    return new JsonObject()
        .put("bank_tran_id", client.newBankTranId())
        .put("bank_code_std", bankCode)
        .put("account_num", accountNum)
        .put("account_holder_info_type", " ")
        .put("account_holder_info", "950312")
        .put("tran_dtime", client.tranDtime());
  }
}
