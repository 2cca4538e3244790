package io.shpay.sandbox.nh;

import io.shpay.testing.MutableClock;
import static io.shpay.sandbox.nh.NhTestClient.DOYUN;
import static io.shpay.sandbox.nh.NhTestClient.HAEUN;
import static io.shpay.sandbox.nh.NhTestClient.MINJI;
import static io.shpay.sandbox.nh.NhTestClient.SEOJUN;
import static io.shpay.sandbox.nh.NhTestClient.SHPAY;
import static io.shpay.sandbox.nh.NhTestClient.drawing;
import static io.shpay.sandbox.nh.NhTestClient.refundTo;
import static io.shpay.sandbox.nh.NhTestClient.refundToFinAccount;
import static io.shpay.sandbox.nh.NhTestClient.rpcd;
import static io.shpay.sandbox.nh.NhTestClient.rsms;
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

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Money: DrawingTransfer into SH Pay's settlement account, and both refunds out of it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class NhTransfersTest {

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

  private long settlement() {
    return sandbox.bank().balance(SHPAY.bankCode(), SHPAY.accountNumber());
  }

  @Test
  void aDrawingTransferMovesTheMoneyIntoTheSettlementAccount(VertxTestContext ctx) {
    client.finAcno(MINJI)
        .compose(finAcno -> client.call("DrawingTransfer", drawing(finAcno, 30_000))
            .map(answer -> new Object[] {finAcno, answer}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          String finAcno = (String) both[0];
          JsonObject answer = (JsonObject) both[1];
          assertThat(answer.getInteger("_http_status")).isEqualTo(200);
          assertThat(rpcd(answer)).isEqualTo("00000");
          assertThat(answer.getString("FinAcno")).isEqualTo(finAcno);
          assertThat(answer.getString("RgsnYmd")).isEqualTo("20260310");
          assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_220_000L);
          assertThat(sandbox.bank().balance(MINJI.bankCode(), MINJI.accountNumber())).isEqualTo(1_220_000L);
          assertThat(sandbox.bank().drawingCount(finAcno)).isEqualTo(1);
          assertThat(settlement()).isEqualTo(100_030_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aDrawingTransferOverThePayableBalanceIsE0201AndMovesNothing(VertxTestContext ctx) {
    client.finAcno(HAEUN)
        .compose(finAcno -> client.call("DrawingTransfer", drawing(finAcno, 15_001))
            .compose(refused -> client.call("DrawingTransfer", drawing(finAcno, 15_000))
                .map(exact -> new Object[] {finAcno, refused, exact})))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          String finAcno = (String) all[0];
          assertThat(rpcd((JsonObject) all[1])).isEqualTo("E0201");
          assertThat(rpcd((JsonObject) all[2])).as("the whole balance may go").isEqualTo("00000");
          assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isZero();
          assertThat(sandbox.bank().drawingCount(finAcno)).isEqualTo(1);
          assertThat(settlement()).isEqualTo(100_015_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aDrawingTransferOverFiveMillionWonIsE0202EvenWhenTheMoneyIsThere(VertxTestContext ctx) {
    client.finAcno(SEOJUN)
        .compose(finAcno -> client.call("DrawingTransfer", drawing(finAcno, 5_000_001))
            .compose(refused -> client.call("DrawingTransfer", drawing(finAcno, 5_000_000))
                .map(atLimit -> new Object[] {finAcno, refused, atLimit})))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(rpcd((JsonObject) all[1])).isEqualTo("E0202");
          assertThat(rpcd((JsonObject) all[2])).isEqualTo("00000");
          assertThat(sandbox.bank().balanceOfFinAccount((String) all[0])).isEqualTo(7_400_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aDrawingTransferFromAFinAcnoThatWasNeverIssuedIsE0101(VertxTestContext ctx) {
    client.call("DrawingTransfer", drawing("00820100000013000000000000001", 1_000))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0101");
          assertThat(settlement()).isEqualTo(100_000_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aTramThatIsNotOneToFifteenDigitsAboveZeroIsE0002(VertxTestContext ctx) {
    List<Object> bad = List.of("0", "-100", "1,000", "1234567890123456", 10_000, "");
    client.finAcno(MINJI)
        .compose(finAcno -> Future.all(bad.stream()
            .map(tram -> client.call("DrawingTransfer", drawing(finAcno, 1).put("Tram", tram))).toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < bad.size(); i++) {
            JsonObject answer = all.resultAt(i);
            assertThat(rpcd(answer)).as(String.valueOf(bad.get(i))).isEqualTo("E0002");
            assertThat(rsms(answer)).contains("Tram");
          }
          assertThat(sandbox.bank().balance(MINJI.bankCode(), MINJI.accountNumber())).isEqualTo(1_250_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aPassbookTextLongerThanTwentyCharactersIsE0002(VertxTestContext ctx) {
    client.finAcno(MINJI)
        .compose(finAcno -> client.call("DrawingTransfer", drawing(finAcno, 1_000).put("DractOtlt", "가".repeat(21))))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0002");
          assertThat(rsms(answer)).contains("DractOtlt");
          ctx.completeNow();
        })));
  }

  @Test
  void aRefundToAnAccountNumberPaysItOutOfTheSettlementAccount(VertxTestContext ctx) {
    client.call("ReceivedTransferAccountNumber", refundTo(DOYUN, 12_000))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("00000");
          assertThat(answer.fieldNames()).containsExactlyInAnyOrder("Header", "_http_status");
          assertThat(sandbox.bank().balance(DOYUN.bankCode(), DOYUN.accountNumber())).isEqualTo(842_000L);
          assertThat(sandbox.bank().receivedCount(DOYUN.bankCode(), DOYUN.accountNumber())).isEqualTo(1);
          assertThat(settlement()).isEqualTo(99_988_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aRefundToAFinAccountPaysItBack(VertxTestContext ctx) {
    client.finAcno(MINJI)
        .compose(finAcno -> client.call("DrawingTransfer", drawing(finAcno, 30_000))
            .compose(paid -> client.call("ReceivedTransferFinAccount", refundToFinAccount(finAcno, 30_000)))
            .map(refunded -> new Object[] {finAcno, refunded}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          String finAcno = (String) both[0];
          assertThat(rpcd((JsonObject) both[1])).isEqualTo("00000");
          assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_250_000L);
          assertThat(sandbox.bank().drawingCount(finAcno)).isEqualTo(1);
          assertThat(sandbox.bank().receivedCount(MINJI.bankCode(), MINJI.accountNumber())).isEqualTo(1);
          assertThat(settlement()).isEqualTo(100_000_000L);
          ctx.completeNow();
        })));
  }

  @Test
  void aRefundToAnUnknownAccountIsE0101AndToTheSettlementAccountItselfIsE0002(VertxTestContext ctx) {
    client.call("ReceivedTransferAccountNumber", refundTo(new Account("011", "3020000099999", "19900101", "누구"), 1_000))
        .compose(unknown -> client.call("ReceivedTransferAccountNumber", refundTo(SHPAY, 1_000))
            .compose(self -> client.call("ReceivedTransferFinAccount",
                    refundToFinAccount("00820100000013000000000000001", 1_000))
                .map(unknownFin -> new JsonObject[] {unknown, self, unknownFin})))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(rpcd(all[0])).isEqualTo("E0101");
          assertThat(rpcd(all[1])).isEqualTo("E0002");
          assertThat(rpcd(all[2])).isEqualTo("E0101");
          assertThat(settlement()).isEqualTo(100_000_000L);
          ctx.completeNow();
        })));
  }
}
