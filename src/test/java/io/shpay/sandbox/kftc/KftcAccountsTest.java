package io.shpay.sandbox.kftc;

import io.shpay.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The inquiry calls: user/me, account/list, balance and the paged transaction list, each for its owner only. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class KftcAccountsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private KftcSandbox sandbox;
  private SandboxClient client;
  private String minji;
  private String minjiKb;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    KftcSandboxOptions options = KftcSandboxOptions.defaults().withClock(clock).withAutoApprove(true);
    KftcSandbox.start(vertx, options).onComplete(ctx.succeeding(started -> {
      sandbox = started;
      client = new SandboxClient(vertx, started, options);
      minji = started.bank().personIds().get(0);
      minjiKb = started.bank().fintechUseNums(minji).get(0);
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sandbox.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theSeedHasAtLeastThreePeopleWithTwoOrThreeAccountsEach() {
    assertThat(sandbox.bank().personIds()).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(id -> assertThat(id).matches("\\d{10}"));
    for (String person : sandbox.bank().personIds()) {
      assertThat(sandbox.bank().fintechUseNums(person)).hasSizeBetween(2, 3)
          .allSatisfy(number -> assertThat(number).matches("\\d{24}"));
    }
    assertThat(sandbox.bank().balance(minjiKb)).isEqualTo(2_350_000L);
  }

  @Test
  void userMeDescribesThePersonAndTheirAccounts(VertxTestContext ctx) {
    client.userTokens(null, "login").compose(tokens -> client.get("/v2.0/user/me", tokens.getString("access_token"),
            Map.of("user_seq_no", minji)))
        .onComplete(ctx.succeeding(me -> ctx.verify(() -> {
          assertThat(me.getString("rsp_code")).isEqualTo("A0000");
          assertThat(me.getString("api_tran_id")).isNotBlank();
          assertThat(me.getString("api_tran_dtm")).matches("\\d{17}");
          assertThat(me.getString("user_seq_no")).isEqualTo(minji);
          assertThat(me.getString("user_name")).isEqualTo("김민지");
          assertThat(me.getString("user_ci")).isNotBlank();
          assertThat(me.getString("res_cnt")).isEqualTo("3");
          JsonObject first = me.getJsonArray("res_list").getJsonObject(0);
          assertThat(first.getString("fintech_use_num")).isEqualTo(minjiKb);
          assertThat(first.getString("bank_code_std")).isEqualTo("004");
          assertThat(first.getString("bank_name")).isEqualTo("KB국민은행");
          assertThat(first.getString("account_num_masked")).endsWith("***");
          assertThat(first.getString("account_holder_name")).isEqualTo("김민지");
          assertThat(first.getString("inquiry_agree_yn")).isEqualTo("Y");
          assertThat(first.getString("transfer_agree_yn")).isEqualTo("Y");
          ctx.completeNow();
        })));
  }

  @Test
  void accountListSortsNewestRegistrationFirstOnD(VertxTestContext ctx) {
    client.userAccessToken(null).compose(token -> client.get("/v2.0/account/list", token,
            Map.of("user_seq_no", minji, "include_cancel_yn", "N", "sort_order", "D")))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertThat(list.getString("rsp_code")).isEqualTo("A0000");
          assertThat(list.getString("user_name")).isEqualTo("김민지");
          assertThat(list.getJsonArray("res_list")).hasSize(3);
          assertThat(list.getJsonArray("res_list").getJsonObject(2).getString("fintech_use_num")).isEqualTo(minjiKb);
          ctx.completeNow();
        })));
  }

  @Test
  void aTokenCannotReadAnotherPersonsProfileOrAccount(VertxTestContext ctx) {
    String seojun = sandbox.bank().personIds().get(1);
    String seojunAccount = sandbox.bank().fintechUseNums(seojun).get(0);
    client.userAccessToken(null).compose(token -> Future.all(
            client.get("/v2.0/user/me", token, Map.of("user_seq_no", seojun)),
            client.balance(token, seojunAccount)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject me = both.resultAt(0);
          JsonObject balance = both.resultAt(1);
          assertThat(me.getString("rsp_code")).isEqualTo("A0004");
          assertThat(me.containsKey("user_name")).isFalse();
          assertThat(balance.getString("rsp_code")).isEqualTo("A0002");
          assertThat(balance.getString("bank_rsp_code")).isEqualTo("412");
          assertThat(balance.containsKey("balance_amt")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void balanceAnswersWithTheBankFieldsAndTheCurrentBalance(VertxTestContext ctx) {
    client.userAccessToken(null).compose(token -> client.balance(token, minjiKb))
        .onComplete(ctx.succeeding(balance -> ctx.verify(() -> {
          assertThat(balance.getString("rsp_code")).isEqualTo("A0000");
          assertThat(balance.getString("bank_rsp_code")).isEqualTo("000");
          assertThat(balance.getString("bank_tran_id")).startsWith("M202600001U");
          assertThat(balance.getString("bank_tran_date")).isEqualTo("20260310");
          assertThat(balance.getString("bank_code_tran")).isEqualTo("004");
          assertThat(balance.getString("balance_amt")).isEqualTo("2350000");
          assertThat(balance.getString("available_amt")).isEqualTo("2350000");
          assertThat(balance.getString("fintech_use_num")).isEqualTo(minjiKb);
          assertThat(balance.getString("last_tran_date")).matches("\\d{8}");
          ctx.completeNow();
        })));
  }

  @Test
  void aLoginOnlyTokenCannotReadBalancesAndAnOobTokenCannotReadProfiles(VertxTestContext ctx) {
    Future<JsonObject> loginOnly = client.userTokens(null, "login")
        .compose(tokens -> client.balance(tokens.getString("access_token"), minjiKb));
    Future<JsonObject> oob = client.oobAccessToken()
        .compose(token -> client.get("/v2.0/user/me", token, Map.of("user_seq_no", minji)));
    Future<JsonObject> noHeader = client.get("/v2.0/user/me", null, Map.of("user_seq_no", minji));
    Future<JsonObject> unknown = client.get("/v2.0/user/me", "never-issued", Map.of("user_seq_no", minji));
    Future.all(loginOnly, oob, noHeader, unknown).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertThat(loginOnly.result().getString("rsp_code")).isEqualTo("O0011");
      assertThat(oob.result().getString("rsp_code")).isEqualTo("O0011");
      assertThat(noHeader.result().getString("rsp_code")).isEqualTo("O0001");
      assertThat(unknown.result().getString("rsp_code")).isEqualTo("O0002");
      ctx.completeNow();
    })));
  }

  @Test
  void theTransactionListPagesThroughSixtyLinesNewestFirstWithTheTraceInfo(VertxTestContext ctx) {
    List<JsonObject> pages = new ArrayList<>();
    client.userAccessToken(null)
        .compose(token -> page(token, null).compose(first -> {
          pages.add(first);
          return page(token, first.getString("befor_inquiry_trace_info"));
        }).compose(second -> {
          pages.add(second);
          return page(token, second.getString("befor_inquiry_trace_info"));
        }))
        .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
          pages.add(third);
          assertThat(pages).extracting(p -> p.getString("rsp_code")).containsOnly("A0000");
          assertThat(pages).extracting(p -> p.getString("page_record_cnt")).containsExactly("25", "25", "10");
          assertThat(pages).extracting(p -> p.getString("next_page_yn")).containsExactly("Y", "Y", "N");
          List<String> stamps = new ArrayList<>();
          for (JsonObject page : pages) {
            assertThat(page.getString("balance_amt")).isEqualTo("2350000");
            for (Object line : page.getJsonArray("res_list")) {
              JsonObject tx = (JsonObject) line;
              assertThat(tx.getString("inout_type")).isIn("입금", "출금");
              assertThat(tx.getString("tran_amt")).matches("\\d+");
              stamps.add(tx.getString("tran_date") + tx.getString("tran_time"));
            }
          }
          assertThat(stamps).hasSize(60).isSortedAccordingTo((a, b) -> b.compareTo(a));
          JsonObject newest = pages.get(0).getJsonArray("res_list").getJsonObject(0);
          assertThat(newest.getString("after_balance_amt")).isEqualTo("2350000");
          ctx.completeNow();
        })));
  }

  @Test
  void theTransactionListFiltersDepositsAndRefusesMoreThanThreeMonths(VertxTestContext ctx) {
    client.userAccessToken(null).compose(token -> {
          Map<String, String> deposits = listParams(null);
          deposits.put("inquiry_type", "I");
          deposits.put("sort_order", "A");
          Map<String, String> tooLong = listParams(null);
          tooLong.put("from_date", "20251201");
          return Future.all(client.get(SandboxClient.TRANSACTIONS, token, deposits),
              client.get(SandboxClient.TRANSACTIONS, token, tooLong));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject deposits = both.resultAt(0);
          JsonArray lines = deposits.getJsonArray("res_list");
          assertThat(lines).isNotEmpty();
          assertThat(lines.stream().map(l -> ((JsonObject) l).getString("inout_type"))).containsOnly("입금");
          assertThat(((JsonObject) both.resultAt(1)).getString("rsp_code")).isEqualTo("A0004");
          ctx.completeNow();
        })));
  }

  @Test
  void theHistoryIsTheSameEveryRunForTheSameStartDay(Vertx vertx, VertxTestContext ctx) {
    KftcSandboxOptions options = KftcSandboxOptions.defaults().withClock(clock).withAutoApprove(true);
    KftcSandbox.start(vertx, options)
        .compose(other -> {
          SandboxClient otherClient = new SandboxClient(vertx, other, options);
          return Future.all(
                  client.userAccessToken(null).compose(token -> client.get(SandboxClient.TRANSACTIONS, token, listParams(null))),
                  otherClient.userAccessToken(null).compose(token -> otherClient.get(SandboxClient.TRANSACTIONS, token,
                      listParams(null))))
              .eventually(other::close);
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonArray first = ((JsonObject) both.resultAt(0)).getJsonArray("res_list");
          JsonArray second = ((JsonObject) both.resultAt(1)).getJsonArray("res_list");
          assertThat(first).hasSize(25).isEqualTo(second);
          ctx.completeNow();
        })));
  }

  private Future<JsonObject> page(String token, String trace) {
    return client.get(SandboxClient.TRANSACTIONS, token, listParams(trace));
  }

  private Map<String, String> listParams(String trace) {
    Map<String, String> params = new HashMap<>(Map.of(
        "bank_tran_id", client.newBankTranId(), "fintech_use_num", minjiKb, "inquiry_type", "A",
        "inquiry_base", "D", "from_date", "20251210", "to_date", "20260310", "sort_order", "D",
        "tran_dtime", client.tranDtime()));
    if (trace != null) {
      params.put("befor_inquiry_trace_info", trace);
    }
    return params;
  }
}
