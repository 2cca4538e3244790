package io.shpay.sandbox.nh;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/** The seed file, its checks, and the options. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NhSeedTest {

  @Test
  void theDefaultSeedHasNhAccountsAtBothBanksASmallBalanceAndSettlementLast(Vertx vertx) {
    NhSandbox sandbox = await(NhSandbox.start(vertx, NhSandboxOptions.defaults()));
    try {
      NhBankView bank = sandbox.bank();
      assertThat(bank.accounts()).containsExactly(NhTestClient.MINJI, NhTestClient.SEOJUN, NhTestClient.HAEUN,
          NhTestClient.DOYUN, NhTestClient.SHPAY);
      assertThat(bank.accounts()).extracting(Account::bankCode).contains("011", "012");
      assertThat(bank.balance("012", NhTestClient.HAEUN.accountNumber())).isEqualTo(15_000L);
      assertThat(bank.balance("011", NhTestClient.SHPAY.accountNumber())).isEqualTo(100_000_000L);
      assertThat(bank.receivedCount("011", NhTestClient.MINJI.accountNumber())).isZero();
      assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port());
    } finally {
      await(sandbox.close());
    }
  }

  @Test
  void aSeedFileNamedInTheOptionsReplacesTheDefaultOne(Vertx vertx, @TempDir Path dir) throws IOException {
    Path seed = write(dir, seed(account("3020000000019", "19900101", 5_000, false), account("3010000000018",
        "1234567890", 1_000_000, true)));
    NhSandbox sandbox = await(NhSandbox.start(vertx, NhSandboxOptions.defaults().withSeedFile(seed)));
    try {
      assertThat(sandbox.bank().accounts()).extracting(Account::accountNumber)
          .containsExactly("3020000000019", "3010000000018");
      assertThat(sandbox.bank().balance("011", "3020000000019")).isEqualTo(5_000L);
    } finally {
      await(sandbox.close());
    }
  }

  @Test
  void aBrokenSeedStopsTheSandboxWithAMessageNamingTheField(Vertx vertx, @TempDir Path dir) throws IOException {
    Path seed = write(dir, seed(account("3020000000019", "1990-01-01", 5_000, false), account("3010000000018",
        "1234567890", 1_000_000, true)));
    assertThatThrownBy(() -> await(NhSandbox.start(vertx, NhSandboxOptions.defaults().withSeedFile(seed))))
        .hasMessageContaining("accounts[0].birthDate");
  }

  @Test
  void aSeedWithoutExactlyOneSettlementAccountIsRefused() {
    JsonObject seed = seed(account("3020000000019", "19900101", 5_000, false));
    assertThatThrownBy(() -> SeedLoader.parse(seed, "000013", LocalDate.of(2026, 3, 10)))
        .hasMessageContaining("settlement");
  }

  @Test
  void aHistoryThatWouldStartBelowZeroIsRefused() {
    JsonObject poor = account("3020000000019", "19900101", 5_000, false).put("history", new JsonArray()
        .add(new JsonObject().put("daysAgo", 3).put("time", "090000").put("type", "deposit").put("amount", 6_000)
            .put("summary", "용돈")));
    JsonObject seed = seed(poor, account("3010000000018", "1234567890", 1_000_000, true));
    assertThatThrownBy(() -> SeedLoader.parse(seed, "000013", LocalDate.of(2026, 3, 10)))
        .hasMessageContaining("accounts[0].history");
  }

  @Test
  void theOptionsRefuseABadTokenOrIscdWithoutEverPrintingTheToken() {
    NhSandboxOptions defaults = NhSandboxOptions.defaults();
    assertThat(defaults.accessToken()).matches("[0-9a-f]{64}");
    assertThat(defaults.iscd()).isEqualTo("000013");
    assertThat(defaults.toString()).doesNotContain(defaults.accessToken()).contains("accessToken=****");
    String almost = "g".repeat(64);
    assertThatThrownBy(() -> defaults.withAccessToken(almost))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(almost);
    assertThatThrownBy(() -> defaults.withIscd("13")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject account(String accountNumber, String birthDate, long balance, boolean settlement) {
    return new JsonObject().put("bankCode", "011").put("accountNumber", accountNumber).put("holderName", "정하늘")
        .put("birthDate", birthDate).put("balance", balance).put("settlement", settlement);
  }

  private static JsonObject seed(JsonObject... accounts) {
    JsonArray list = new JsonArray();
    for (JsonObject account : accounts) {
      list.add(account);
    }
    return new JsonObject().put("accounts", list);
  }

  private static Path write(Path dir, JsonObject seed) throws IOException {
    Path file = dir.resolve("seed.json");
    Files.writeString(file, seed.encodePrettily(), StandardCharsets.UTF_8);
    return file;
  }
}
