package io.shpay.sandbox.nh;

import io.shpay.testing.MutableClock;
import static io.shpay.sandbox.nh.NhTestClient.MINJI;
import static io.shpay.sandbox.nh.NhTestClient.SHPAY;
import static io.shpay.sandbox.nh.NhTestClient.historyQuery;
import static io.shpay.sandbox.nh.NhTestClient.records;
import static io.shpay.sandbox.nh.NhTestClient.rpcd;
import static io.shpay.sandbox.nh.NhTestClient.rsms;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/** InquireTransactionHistory: the seeded past, paging, filters, range rules and finding a transfer by its IsTuno. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class NhHistoryTest {

  /** 12:00 in Seoul on 10 March 2026. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private NhSandbox sandbox;
  private NhTestClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    NhSandboxOptions options = NhSandboxOptions.defaults().withClock(clock);
    NhSandbox.start(vertx, options).onComplete(ctx.succeeding(started -> {
      sandbox = started;
      client = new NhTestClient(vertx, started, options);
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    (sandbox == null ? Future.<Void>succeededFuture() : sandbox.close()).onComplete(ctx.succeedingThenComplete());
  }

  private Future<JsonObject> history(Account account, String kind, String order, int pageNo, int pageSize) {
    return client.call("InquireTransactionHistory",
        historyQuery(account, "20260101", "20260310", kind, order, pageNo, pageSize));
  }

  @Test
  void theSeededHistoryEndsAtTheBalanceNewestFirst(VertxTestContext ctx) {
    history(MINJI, "A", "DESC", 1, 100).onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
      assertThat(rpcd(answer)).isEqualTo("00000");
      assertThat(answer.getString("CtntDataYn")).isEqualTo("N");
      assertThat(answer.getString("TotCnt")).isEqualTo("5");
      assertThat(answer.getString("Iqtcnt")).isEqualTo("5");
      JsonObject newest = records(answer).getJsonObject(0);
      assertThat(newest.getString("Trdd")).isEqualTo("20260226");
      assertThat(newest.getString("Txtm")).isEqualTo("080000");
      assertThat(newest.getString("MnrcDrotDsnc")).isEqualTo("3");
      assertThat(newest.getString("Tram")).isEqualTo("1240000");
      assertThat(newest.getString("AftrBlnc")).isEqualTo("1250000");
      assertThat(newest.getString("Smr")).isEqualTo("카드대금");
      assertThat(newest.getString("Ccyn")).isEqualTo("0");
      assertThat(newest.getString("Tuno")).as("no request of SH Pay wrote a seeded line").isEmpty();
      JsonObject oldest = records(answer).getJsonObject(4);
      assertThat(oldest.getString("Trdd")).isEqualTo("20260111");
      assertThat(oldest.getString("AftrBlnc")).isEqualTo("211000");
      for (int i = 0; i < 4; i++) {
        JsonObject line = records(answer).getJsonObject(i);
        long before = Long.parseLong(records(answer).getJsonObject(i + 1).getString("AftrBlnc"));
        long amount = Long.parseLong(line.getString("Tram"));
        assertThat(Long.parseLong(line.getString("AftrBlnc")))
            .isEqualTo(line.getString("MnrcDrotDsnc").equals("2") ? before + amount : before - amount);
      }
      ctx.completeNow();
    })));
  }

  @Test
  void pagesWalkEveryLineOnceAndSayWhetherMoreFollow(VertxTestContext ctx) {
    List<Future<JsonObject>> pages = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      pages.add(history(MINJI, "A", "ASC", page, 2));
    }
    Future.all(pages).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<String> flags = new ArrayList<>();
      List<String> counts = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        JsonObject page = all.resultAt(i);
        assertThat(page.getString("TotCnt")).isEqualTo("5");
        flags.add(page.getString("CtntDataYn"));
        counts.add(page.getString("Iqtcnt"));
        records(page).forEach(line -> lines.add(((JsonObject) line).getString("Trdd")
            + ((JsonObject) line).getString("Txtm")));
      }
      assertThat(flags).containsExactly("Y", "Y", "N", "N");
      assertThat(counts).containsExactly("2", "2", "1", "0");
      assertThat(lines).hasSize(5).doesNotHaveDuplicates().isSorted();
      ctx.completeNow();
    })));
  }

  @Test
  void depositsAndWithdrawalsCanBeAskedForAlone(VertxTestContext ctx) {
    Future.all(history(MINJI, "M", "DESC", 1, 100), history(MINJI, "D", "DESC", 1, 100))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonArray deposits = records(both.resultAt(0));
          JsonArray withdrawals = records(both.resultAt(1));
          assertThat(deposits).hasSize(1);
          assertThat(withdrawals).hasSize(4);
          deposits.forEach(line -> assertThat(((JsonObject) line).getString("MnrcDrotDsnc")).isEqualTo("2"));
          withdrawals.forEach(line -> assertThat(((JsonObject) line).getString("MnrcDrotDsnc")).isEqualTo("3"));
          ctx.completeNow();
        })));
  }

  @Test
  void aTransferShowsOnBothSidesWithItsRequestsIsTunoAsTuno(VertxTestContext ctx) {
    JsonObject header = client.header("DrawingTransfer");
    String isTuno = header.getString("IsTuno");
    client.finAcno(MINJI)
        .compose(finAcno -> client.call("DrawingTransfer", header, new JsonObject().put("FinAcno", finAcno)
            .put("Tram", "30000").put("DractOtlt", "SH페이 결제").put("MractOtlt", "김민지 결제")))
        .compose(paid -> {
          String today = client.today();
          String tomorrow = client.day(client.now().toLocalDate().plusDays(1));
          return Future.all(
              client.call("InquireTransactionHistory", historyQuery(MINJI, today, tomorrow, "A", "DESC", 1, 100)),
              client.call("InquireTransactionHistory", historyQuery(SHPAY, today, tomorrow, "A", "DESC", 1, 100)));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonObject user = records(both.resultAt(0)).getJsonObject(0);
          assertThat(rpcd(both.resultAt(0))).as("an Ineymd after today is allowed").isEqualTo("00000");
          assertThat(user.getString("Tuno")).isEqualTo(isTuno).startsWith("0000");
          assertThat(user.getString("Trdd")).isEqualTo("20260310");
          assertThat(user.getString("Txtm")).isEqualTo("120000");
          assertThat(user.getString("MnrcDrotDsnc")).isEqualTo("3");
          assertThat(user.getString("Tram")).isEqualTo("30000");
          assertThat(user.getString("AftrBlnc")).isEqualTo("1220000");
          assertThat(user.getString("Smr")).isEqualTo("SH페이 결제");
          JsonObject settlement = records(both.resultAt(1)).getJsonObject(0);
          assertThat(settlement.getString("Tuno")).isEqualTo(isTuno);
          assertThat(settlement.getString("MnrcDrotDsnc")).isEqualTo("2");
          assertThat(settlement.getString("AftrBlnc")).isEqualTo("100030000");
          assertThat(settlement.getString("Smr")).isEqualTo("김민지 결제");
          ctx.completeNow();
        })));
  }

  @Test
  void rangesAndPagesOutsideTheRulesAreE0002NamingTheField(VertxTestContext ctx) {
    List<JsonObject> queries = List.of(
        historyQuery(MINJI, "20260310", "20260301", "A", "DESC", 1, 10),
        historyQuery(MINJI, "20251201", "20260310", "A", "DESC", 1, 10),
        historyQuery(MINJI, "20250301", "20250501", "A", "DESC", 1, 10),
        historyQuery(MINJI, "20260301", "20260310", "A", "DESC", 1, 101),
        historyQuery(MINJI, "20260301", "20260310", "A", "DESC", 0, 10),
        historyQuery(MINJI, "20260301", "20260310", "A", "UP", 1, 10),
        historyQuery(MINJI, "20260301", "20260310", "X", "DESC", 1, 10),
        historyQuery(MINJI, "20260301", "20260310", "A", "DESC", 1, 10).put("Dmcnt", 10));
    List<String> fields = List.of("Ineymd", "3 months", "1 year", "Dmcnt", "PageNo", "Lnsq", "TrnsDsnc", "Dmcnt");
    Future.all(queries.stream().map(query -> client.call("InquireTransactionHistory", query)).toList())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < queries.size(); i++) {
            JsonObject answer = all.resultAt(i);
            assertThat(rpcd(answer)).as(fields.get(i)).isEqualTo("E0002");
            assertThat(rsms(answer)).contains(fields.get(i));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void theHistoryOfAnAccountTheBankDoesNotHoldIsE0101(VertxTestContext ctx) {
    client.call("InquireTransactionHistory", historyQuery(new Account("011", "3020000099999", "19900101", "누구"),
            "20260301", "20260310", "A", "DESC", 1, 10))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0101");
          ctx.completeNow();
        })));
  }
}
