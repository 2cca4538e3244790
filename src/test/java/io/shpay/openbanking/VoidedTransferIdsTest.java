package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A payment or refund whose process stopped after it chose its transfer id and before open banking
 * recorded the transfer is failed by voiding that id: after the void no transfer can be sent under it,
 * so "never sent" is a fact and not a guess; a recorded transfer is never voided.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VoidedTransferIdsTest {

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @Test
  void anIdOpenBankingNeverRecordedIsVoidedAndNothingIsEverSentUnderIt() {
    JsonObject account = linkedAccount(0);
    long before = balance(account);
    String transferId = UUID.randomUUID().toString();

    boolean voided = await(openBanking().voidUnrecordedTransfer(account.getString("userId"), transferId));
    Throwable lateRequest = failureOf(openBanking().transfer(withdrawal(account, 1_000).withTransferId(transferId)));

    assertThat(voided).isTrue();
    assertThat(lateRequest).isInstanceOf(ServiceException.class);
    assertThat(lateRequest.getMessage()).contains("voided");
    assertThat(balance(account)).as("nothing was sent under a void id").isEqualTo(before);
    assertThat(await(openBanking().transferOf(account.getString("userId"), transferId)).status()).isEqualTo("FAILED");
  }

  @Test
  void aRecordedTransferIsNeverVoided() {
    JsonObject account = linkedAccount(1);
    long before = balance(account);
    String transferId = UUID.randomUUID().toString();

    TransferView sent = await(openBanking().transfer(withdrawal(account, 1_500).withTransferId(transferId)));
    boolean voided = await(openBanking().voidUnrecordedTransfer(account.getString("userId"), transferId));

    assertThat(sent.status()).isEqualTo("APPROVED");
    assertThat(voided).as("a transfer exists under this id").isFalse();
    assertThat(await(openBanking().transferOf(account.getString("userId"), transferId)).status()).isEqualTo("APPROVED");
    assertThat(balance(account)).isEqualTo(before - 1_500);
  }

  private static OpenBankingService openBanking() {
    return OpenBankingService.proxy(STACK.app().app().vertx());
  }

  private static TransferRequest withdrawal(JsonObject account, long amount) {
    return TransferRequest.of(TransferRequest.Kind.WITHDRAW, account.getString("userId"), account.getString("accountId"),
        amount, null, "SH Pay");
  }

  /** A linked user and one of their accounts: {@code {userId, accountId, fintechUseNum}}. */
  private static JsonObject linkedAccount(int person) {
    JsonObject user = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(person)));
    String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
    String userId = await(STACK.api().get("/api/v1/users/me", user.getString("accessToken"))).bodyAsJsonObject().getString("id");
    return new JsonObject().put("userId", userId).put("accountId", accountId)
        .put("fintechUseNum", await(STACK.fintechUseNum(accountId)));
  }

  private static long balance(JsonObject account) {
    return STACK.sandbox().bank().balance(account.getString("fintechUseNum"));
  }

  private static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the transfer to be refused");
  }
}
