package io.shpay.sandbox.kftc;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The seed file and the history generated from it. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KftcSeedTest {

  @Test
  void aSeedFileNamedInTheOptionsReplacesTheDefaultOne(Vertx vertx, @TempDir Path dir) throws IOException {
    Path seed = write(dir, seed("123456789012345678901234"));
    KftcSandbox sandbox = await(KftcSandbox.start(vertx, KftcSandboxOptions.defaults().withSeedFile(seed)));
    try {
      assertThat(sandbox.bank().personIds()).containsExactly("2200000001");
      assertThat(sandbox.bank().fintechUseNums("2200000001")).containsExactly("123456789012345678901234");
      assertThat(sandbox.bank().balance("123456789012345678901234")).isEqualTo(5_000L);
    } finally {
      await(sandbox.close());
    }
  }

  @Test
  void aBrokenSeedStopsTheSandboxWithAMessageNamingTheField(Vertx vertx, @TempDir Path dir) throws IOException {
    Path seed = write(dir, seed("12345"));
    assertThatThrownBy(() -> await(KftcSandbox.start(vertx, KftcSandboxOptions.defaults().withSeedFile(seed))))
        .hasMessageContaining("people[0].accounts[0].fintech_use_num");
  }

  @Test
  void theGeneratedHistoryAddsUpToTheSeededBalanceAndNeverGoesNegative() {
    LocalDate today = LocalDate.of(2026, 3, 10);
    List<Transaction> lines = new HistoryGenerator(20260101L, 60, 88)
        .generate("120260003020000000000006", 18_000, today, 1);

    assertThat(lines).hasSize(60);
    assertThat(lines.get(59).afterBalance()).isEqualTo(18_000);
    for (int i = 1; i < lines.size(); i++) {
      Transaction line = lines.get(i);
      long before = lines.get(i - 1).afterBalance();
      assertThat(line.afterBalance()).isEqualTo(line.deposit() ? before + line.amount() : before - line.amount());
      assertThat(line.at()).isAfterOrEqualTo(lines.get(i - 1).at());
    }
    assertThat(lines).allSatisfy(line -> {
      assertThat(line.afterBalance()).isNotNegative();
      assertThat(line.amount()).isPositive();
      assertThat(line.at().toLocalDate()).isBefore(today).isAfterOrEqualTo(today.minusDays(88));
    });
  }

  private static Path write(Path dir, JsonObject seed) throws IOException {
    Path file = dir.resolve("seed.json");
    Files.writeString(file, seed.encodePrettily(), StandardCharsets.UTF_8);
    return file;
  }

  private static JsonObject seed(String fintechUseNum) {
    return new JsonObject()
        .put("history", new JsonObject().put("seed", 7).put("transactions_per_account", 5).put("days", 10))
        .put("institution", new JsonObject().put("holder_name", "테스트(주)").put("bank_code_std", "088")
            .put("bank_code_sub", "0880001").put("bank_name", "신한은행"))
        .put("people", new JsonArray().add(new JsonObject()
            .put("user_seq_no", "2200000001").put("user_ci", "ci").put("user_name", "최지우")
            .put("accounts", new JsonArray().add(new JsonObject()
                .put("fintech_use_num", fintechUseNum).put("bank_code_std", "020").put("bank_code_sub", "0200001")
                .put("bank_name", "우리은행").put("account_num", "1002-000-000001")
                .put("account_num_masked", "1002-000-000***").put("account_type", "1").put("balance", 5000)))));
  }
}
