package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.time.BankTime;
import io.shpay.testing.BankingStack;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The settler of unknown transfers takes them by next attempt time. Transfers the bank keeps
 * answering "unknown" for are pushed back after each look-up, so a newer transfer behind more of
 * them than one batch (50) is still looked up on the next round instead of waiting forever.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnknownTransferSettlerTest {

  private static final String WITHDRAW = "/v2.0/transfer/withdraw/fin_num";
  private static final String RESULT = "/v2.0/transfer/result";
  private static final int STUCK = 60;

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  @Test
  void aNewerUnknownTransferIsLookedUpAlthoughMoreThanABatchOfOlderOnesStayUnknown() throws Exception {
    JsonObject linked = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(0)));
    String token = linked.getString("accessToken");
    String accountId = linked.getJsonArray("accounts").getJsonObject(0).getString("id");
    String fintechUseNum = await(STACK.fintechUseNum(accountId));
    String userId = await(STACK.mysql().preparedQuery("SELECT user_id FROM linked_accounts WHERE id = ?")
        .execute(Tuple.of(accountId))).iterator().next().getString("user_id");
    insertStuckTransfers(userId, accountId);
    long before = STACK.sandbox().bank().balance(fintechUseNum);

    // The bank takes the money but the answer is lost, and for now it answers "unknown" to every look-up.
    STACK.sandbox().faults().dropNext(WITHDRAW, 1);
    STACK.sandbox().faults().failNext(RESULT, 10_000, "A0002", "999");
    HttpResponse<Buffer> lost = await(STACK.transfer(token, "withdraw", UUID.randomUUID().toString(),
        new JsonObject().put("accountId", accountId).put("amount", 4_000)));
    String transferId = lost.bodyAsJsonObject().getString("id");
    assertThat(lost.bodyAsJsonObject().getString("status")).as(lost.bodyAsString()).isEqualTo("UNKNOWN");
    assertThat(STACK.sandbox().bank().balance(fintechUseNum)).isEqualTo(before - 4_000);

    STACK.clock().advance(Duration.ofMinutes(1));
    OpenBankingService openBanking = OpenBankingService.proxy(STACK.app().app().vertx());
    await(openBanking.settleUnknownTransfers());
    // From now on the bank answers; the older ones it never booked (past their grace period: FAILED).
    STACK.sandbox().faults().clear();
    await(openBanking.settleUnknownTransfers());

    assertThat(status(transferId)).as("looked up on the second round").isEqualTo("APPROVED");
    assertThat(STACK.sandbox().bank().balance(fintechUseNum)).isEqualTo(before - 4_000);
  }

  /** Transfers from a while ago that the bank never booked, due for a look-up before the new one. */
  private static void insertStuckTransfers(String userId, String accountId) throws Exception {
    LocalDateTime longAgo = LocalDateTime.ofInstant(STACK.clock().instant().minus(Duration.ofMinutes(30)), ZoneOffset.UTC);
    String day = BankTime.DATE.format(STACK.clock().instant().atZone(BankTime.SEOUL).minusMinutes(30));
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < STUCK; i++) {
      String bankTranId = "M202600000U" + String.format("%09d", i);
      rows.add(Tuple.from(new Object[] {UUID.randomUUID().toString(), userId, accountId, "WITHDRAW", 100L + i,
          bankTranId, day, longAgo.plusSeconds(i), longAgo.plusSeconds(i), longAgo.plusSeconds(i)}));
    }
    await(STACK.mysql().preparedQuery("""
        INSERT INTO transfers (id, user_id, account_id, kind, amount, status, bank_tran_id, bank_tran_date,
                               next_attempt_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 'UNKNOWN', ?, ?, ?, ?, ?)""").executeBatch(rows));
  }

  private static String status(String transferId) throws Exception {
    return await(STACK.mysql().preparedQuery("SELECT status FROM transfers WHERE id = ?").execute(Tuple.of(transferId)))
        .iterator().next().getString("status");
  }

}
