package io.shpay.sandbox.nh;

import io.shpay.testing.MutableClock;
import static io.shpay.sandbox.nh.NhTestClient.HAEUN;
import static io.shpay.sandbox.nh.NhTestClient.MINJI;
import static io.shpay.sandbox.nh.NhTestClient.SHPAY;
import static io.shpay.sandbox.nh.NhTestClient.rpcd;
import static io.shpay.sandbox.nh.NhTestClient.rsms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/** FinAccount issuance in two steps, and the inquiries: balance by FinAcno, holder name by account number. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class NhFinAccountTest {

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

  private static JsonObject open(Account account, String birthDate) {
    return new JsonObject().put("DrtrRgyn", "Y").put("BrdtBrno", birthDate)
        .put("Bncd", account.bankCode()).put("Acno", account.accountNumber());
  }

  @Test
  void issuingAFinAccountTakesTwoStepsAndAnswersAFinAcnoOf24To30Digits(VertxTestContext ctx) {
    client.call("OpenFinAccountDirect", open(MINJI, MINJI.birthDate()))
        .compose(opened -> client.call("CheckOpenFinAccountDirect",
                new JsonObject().put("Rgno", opened.getString("Rgno")).put("BrdtBrno", MINJI.birthDate()))
            .map(checked -> new JsonObject[] {opened, checked}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(rpcd(both[0])).isEqualTo("00000");
          assertThat(both[0].getString("Rgno")).matches("\\d{20}");
          assertThat(rpcd(both[1])).isEqualTo("00000");
          String finAcno = both[1].getString("FinAcno");
          assertThat(finAcno).matches("\\d{24,30}").doesNotContain(MINJI.accountNumber());
          assertThat(both[1].getString("RgsnYmd")).isEqualTo("20260310");
          assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(1_250_000L);
          assertThat(sandbox.bank().drawingCount(finAcno)).isZero();
          ctx.completeNow();
        })));
  }

  @Test
  void issuingAgainForTheSameAccountAnswersTheSameFinAcnoAndItsFirstDay(VertxTestContext ctx) {
    client.finAcno(MINJI)
        .compose(first -> {
          clock.advance(Duration.ofDays(1));
          return client.call("OpenFinAccountDirect", open(MINJI, MINJI.birthDate()))
              .compose(opened -> client.call("CheckOpenFinAccountDirect",
                  new JsonObject().put("Rgno", opened.getString("Rgno")).put("BrdtBrno", MINJI.birthDate())))
              .map(second -> new Object[] {first, second});
        })
        .compose(both -> client.finAcno(HAEUN).map(other -> new Object[] {both[0], both[1], other}))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject second = (JsonObject) all[1];
          assertThat(second.getString("FinAcno")).isEqualTo(all[0]);
          assertThat(second.getString("RgsnYmd")).as("registered on the first day").isEqualTo("20260310");
          assertThat(all[2]).as("another account, another FinAcno").isNotEqualTo(all[0]);
          ctx.completeNow();
        })));
  }

  @Test
  void anAccountTheBankDoesNotHoldIsE0101(VertxTestContext ctx) {
    client.call("OpenFinAccountDirect", open(new Account("011", "3020000099999", "19950412", "누구"), "19950412"))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0101");
          assertThat(answer.containsKey("Rgno")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void aBirthDateThatIsNotTheHoldersIsE0102AtEitherStep(VertxTestContext ctx) {
    client.call("OpenFinAccountDirect", open(MINJI, "19950413"))
        .compose(atOpen -> client.call("OpenFinAccountDirect", open(MINJI, MINJI.birthDate()))
            .compose(opened -> client.call("CheckOpenFinAccountDirect",
                new JsonObject().put("Rgno", opened.getString("Rgno")).put("BrdtBrno", HAEUN.birthDate())))
            .map(atCheck -> new JsonObject[] {atOpen, atCheck}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(rpcd(both[0])).isEqualTo("E0102");
          assertThat(rpcd(both[1])).isEqualTo("E0102");
          assertThat(both[1].containsKey("FinAcno")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void anRgnoThatNoOpenAnsweredIsE0301(VertxTestContext ctx) {
    client.call("CheckOpenFinAccountDirect", new JsonObject().put("Rgno", "20260310999999999999")
            .put("BrdtBrno", MINJI.birthDate()))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0301");
          ctx.completeNow();
        })));
  }

  @Test
  void malformedIssuanceFieldsAreE0002NamingTheField(VertxTestContext ctx) {
    List<JsonObject> bodies = List.of(
        open(MINJI, "1995-04-12"),
        open(MINJI, "19951332"),
        open(MINJI, MINJI.birthDate()).put("Bncd", "004"),
        open(MINJI, MINJI.birthDate()).put("Acno", "302-0000-0123-41"),
        open(MINJI, MINJI.birthDate()).put("DrtrRgyn", "X"));
    List<String> fields = List.of("BrdtBrno", "BrdtBrno", "Bncd", "Acno", "DrtrRgyn");
    Future.all(bodies.stream().map(body -> client.call("OpenFinAccountDirect", body)).toList())
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (int i = 0; i < bodies.size(); i++) {
            JsonObject answer = all.resultAt(i);
            assertThat(rpcd(answer)).as(fields.get(i)).isEqualTo("E0002");
            assertThat(rsms(answer)).contains(fields.get(i));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void aCompanyIssuesItsFinAccountWithItsBusinessNumber(VertxTestContext ctx) {
    client.finAcno(SHPAY).onComplete(ctx.succeeding(finAcno -> ctx.verify(() -> {
      assertThat(sandbox.bank().balanceOfFinAccount(finAcno)).isEqualTo(100_000_000L);
      ctx.completeNow();
    })));
  }

  @Test
  void theBalanceOfAFinAccountIsBothItsLedgerAndItsPayableBalance(VertxTestContext ctx) {
    client.finAcno(HAEUN)
        .compose(finAcno -> client.call("InquireBalance", new JsonObject().put("FinAcno", finAcno)))
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("00000");
          assertThat(answer.getString("FinAcno")).matches("\\d{24,30}");
          assertThat(answer.getString("Ldbl")).isEqualTo("15000");
          assertThat(answer.getString("RlpmAbamt")).isEqualTo("15000");
          ctx.completeNow();
        })));
  }

  @Test
  void aFinAcnoTheSandboxNeverIssuedIsE0101AndAMalformedOneIsE0002(VertxTestContext ctx) {
    client.call("InquireBalance", new JsonObject().put("FinAcno", "00820100000013000000000000001"))
        .compose(unknown -> client.call("InquireBalance", new JsonObject().put("FinAcno", "12345"))
            .map(malformed -> new JsonObject[] {unknown, malformed}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(rpcd(both[0])).isEqualTo("E0101");
          assertThat(rpcd(both[1])).isEqualTo("E0002");
          assertThat(rsms(both[1])).contains("FinAcno");
          ctx.completeNow();
        })));
  }

  @Test
  void theDepositorInquiryNamesTheHolderOfAnNhAccount(VertxTestContext ctx) {
    client.call("InquireDepositorAccountNumber", new JsonObject().put("Bncd", HAEUN.bankCode())
            .put("Acno", HAEUN.accountNumber()))
        .compose(known -> client.call("InquireDepositorAccountNumber", new JsonObject().put("Bncd", "012")
                .put("Acno", HAEUN.accountNumber() + "0"))
            .map(unknown -> new JsonObject[] {known, unknown}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(rpcd(both[0])).isEqualTo("00000");
          assertThat(both[0].getString("Bncd")).isEqualTo("012");
          assertThat(both[0].getString("Acno")).isEqualTo(HAEUN.accountNumber());
          assertThat(both[0].getString("Dpnm")).isEqualTo("박하은");
          assertThat(rpcd(both[1])).isEqualTo("E0101");
          ctx.completeNow();
        })));
  }

  @Test
  void theBankViewRefusesAccountsAndFinAcnosItDoesNotKnow() {
    assertThatThrownBy(() -> sandbox.bank().balance("011", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.bank().balanceOfFinAccount("00820100000013000000000000001"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
