package io.shpay.openbanking;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Withdrawals and deposits against the sandbox bank, with idempotency and unknown outcomes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TransfersTest {

  private static final String WITHDRAW_PATH = "/v2.0/transfer/withdraw/fin_num";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack();

  @AfterEach
  void clearFaults() {
    STACK.sandbox().faults().clear();
  }

  /** A linked user and one of their accounts: {@code {token, accountId, fintechUseNum}}. */
  private static Future<JsonObject> account(int person) {
    String seqNo = STACK.sandbox().bank().personIds().get(person);
    return STACK.linkedUser(seqNo).compose(user -> {
      String accountId = user.getJsonArray("accounts").getJsonObject(0).getString("id");
      return STACK.fintechUseNum(accountId).map(fintechUseNum -> new JsonObject()
          .put("token", user.getString("accessToken"))
          .put("accountId", accountId)
          .put("fintechUseNum", fintechUseNum));
    });
  }

  private static Future<HttpResponse<Buffer>> withdraw(JsonObject account, String key, long amount) {
    return STACK.transfer(account.getString("token"), "withdraw", key,
        new JsonObject().put("accountId", account.getString("accountId")).put("amount", amount));
  }

  private static long balance(JsonObject account) {
    return STACK.sandbox().bank().balance(account.getString("fintechUseNum"));
  }

  @Test
  void aWithdrawalMovesTheMoneyOnceAndIsRecordedWithItsBankIds(VertxTestContext ctx) {
    account(0).compose(account -> {
      long before = balance(account);
      return withdraw(account, UUID.randomUUID().toString(), 12_345).map(response -> {
        ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(201);
          JsonObject transfer = response.bodyAsJsonObject();
          assertThat(transfer.getString("status")).isEqualTo("APPROVED");
          assertThat(transfer.getLong("amount")).isEqualTo(12_345L);
          assertThat(transfer.getString("bankTranId")).matches("M202600001U[A-Z0-9]{9}");
          assertThat(transfer.getString("bankTranDate")).matches("\\d{8}");
          assertThat(balance(account)).isEqualTo(before - 12_345);
        });
        return null;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aRetryWithTheSameKeyReplaysTheAnswerWithoutAnotherWithdrawal(VertxTestContext ctx) {
    String key = UUID.randomUUID().toString();
    account(1).compose(account -> withdraw(account, key, 1_000).compose(first -> {
      long after = balance(account);
      int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
      return withdraw(account, key, 1_000).map(second -> {
        ctx.verify(() -> {
          assertThat(second.statusCode()).isEqualTo(first.statusCode());
          assertThat(second.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
          assertThat(second.getHeader("Idempotent-Replayed")).isEqualTo("true");
          assertThat(first.getHeader("Idempotent-Replayed")).isNull();
          assertThat(balance(account)).isEqualTo(after);
          assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals);
        });
        return null;
      });
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theSameKeyWithADifferentBodyIsRefused(VertxTestContext ctx) {
    String key = UUID.randomUUID().toString();
    account(1).compose(account -> withdraw(account, key, 1_000).compose(first -> withdraw(account, key, 2_000)))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertThat(second.statusCode()).isEqualTo(422);
          assertThat(second.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
          ctx.completeNow();
        })));
  }

  @Test
  void concurrentRequestsWithOneKeyWithdrawOnce(VertxTestContext ctx) {
    String key = UUID.randomUUID().toString();
    account(2).compose(account -> {
      long before = balance(account);
      List<Future<HttpResponse<Buffer>>> racing = java.util.stream.IntStream.range(0, 5)
          .mapToObj(i -> withdraw(account, key, 700)).toList();
      return Future.join(racing).map(done -> {
        ctx.verify(() -> {
          List<Integer> statuses = racing.stream().map(f -> f.result().statusCode()).toList();
          assertThat(statuses).containsOnly(201, 409);
          assertThat(statuses).contains(201);
          assertThat(balance(account)).isEqualTo(before - 700);
        });
        return null;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void insufficientFundsIsA422AndMovesNothing(VertxTestContext ctx) {
    account(0).compose(account -> {
      long before = balance(account);
      return withdraw(account, UUID.randomUUID().toString(), Math.min(before + 1, 10_000_000L)).map(response -> {
        ctx.verify(() -> {
          if (before + 1 > 10_000_000L) {
            return; // the seed balance exceeds the per-transfer limit; nothing to prove here
          }
          assertThat(response.statusCode()).isEqualTo(422);
          assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("insufficient_funds");
          assertThat(balance(account)).isEqualTo(before);
        });
        return null;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aDroppedAnswerIsSettledThroughTransferResultWithoutASecondWithdrawal(VertxTestContext ctx) {
    account(2).compose(account -> {
      long before = balance(account);
      int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
      STACK.sandbox().faults().dropNext(WITHDRAW_PATH, 1);
      return withdraw(account, UUID.randomUUID().toString(), 4_321).map(response -> {
        ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(201);
          assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
          assertThat(balance(account)).isEqualTo(before - 4_321);
          assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals + 1);
        });
        return null;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theReadmesUnknownTransferRecipeAnswers202AndSettlesLaterAsApproved() throws Exception {
    JsonObject account = await(account(0));
    long before = balance(account);
    // The README's fault: the withdrawal's answer and the immediate transfer/result lookup are both lost.
    HttpResponse<Buffer> armed = await(io.vertx.ext.web.client.WebClient.create(STACK.vertx())
        .postAbs(STACK.sandbox().baseUrl() + "/sandbox/faults").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"dropNext\":[{\"operation\":\"/v2.0/transfer/withdraw/fin_num\"},"
            + "{\"operation\":\"/v2.0/transfer/result\"}]}")));
    assertThat(armed.statusCode()).isEqualTo(200);

    HttpResponse<Buffer> unknown = await(withdraw(account, UUID.randomUUID().toString(), 2_500));
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(unknown.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
    assertThat(balance(account)).as("the money moved; only the answer was lost").isEqualTo(before - 2_500);

    await(OpenBankingService.proxy(STACK.app().app().vertx()).settleUnknownTransfers());
    HttpResponse<Buffer> settled = await(STACK.api().get("/api/v1/transfers/" + unknown.bodyAsJsonObject().getString("id"),
        account.getString("token")));
    assertThat(settled.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
    assertThat(balance(account)).isEqualTo(before - 2_500);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aSlowBankTimesOutAndTheUnknownTransferIsSettledLaterWithoutResending(VertxTestContext ctx) {
    account(1).compose(account -> {
      long before = balance(account);
      int withdrawals = STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"));
      // Slower than SH Pay's 2 s client timeout, for the withdrawal and the immediate transfer/result alike.
      // A first withdrawal warms SH Pay's own KFTC token, so only the transfer calls are slow.
      return withdraw(account, UUID.randomUUID().toString(), 1).compose(warm -> {
        STACK.sandbox().faults().latency(Duration.ofMillis(2_500));
        return withdraw(account, UUID.randomUUID().toString(), 3_000);
      }).compose(response -> {
        STACK.sandbox().faults().clear();
        ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(202);
          assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
        });
        String id = response.bodyAsJsonObject().getString("id");
        return OpenBankingService.proxy(STACK.app().app().vertx()).settleUnknownTransfers()
            .compose(settled -> STACK.api().get("/api/v1/transfers/" + id, account.getString("token")));
      }).map(settled -> {
        ctx.verify(() -> {
          assertThat(settled.statusCode()).isEqualTo(200);
          assertThat(settled.bodyAsJsonObject().getString("status")).isEqualTo("APPROVED");
          assertThat(balance(account)).isEqualTo(before - 1 - 3_000);
          assertThat(STACK.sandbox().bank().withdrawCount(account.getString("fintechUseNum"))).isEqualTo(withdrawals + 2);
        });
        return null;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aBankRefusalIsAProblemWithTheBanksCode(VertxTestContext ctx) {
    account(0).compose(account -> {
      STACK.sandbox().faults().failNext(WITHDRAW_PATH, 1, "A0002", "420");
      return withdraw(account, UUID.randomUUID().toString(), 1_000);
    }).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(422);
      JsonObject problem = response.bodyAsJsonObject();
      assertThat(problem.getString("code")).isEqualTo("bank_rejected");
      assertThat(problem.getString("detail")).contains("420");
      ctx.completeNow();
    })));
  }

  @Test
  void aDepositPaysIntoTheLinkedAccount(VertxTestContext ctx) {
    account(0).compose(account -> {
      long before = balance(account);
      return STACK.transfer(account.getString("token"), "deposit", UUID.randomUUID().toString(),
          new JsonObject().put("accountId", account.getString("accountId")).put("amount", 50_000)).map(response -> {
            ctx.verify(() -> {
              assertThat(response.statusCode()).isEqualTo(201);
              assertThat(balance(account)).isEqualTo(before + 50_000);
            });
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void amountsMustBeWholePositiveWonUnderTheLimit(VertxTestContext ctx) {
    account(0).compose(account -> {
      List<Object> bad = List.of(100.5, 100.0, "1000", 0, -5, 10_000_001L);
      return Future.all(bad.stream().map(amount -> STACK.transfer(account.getString("token"), "withdraw",
          UUID.randomUUID().toString(), new JsonObject().put("accountId", account.getString("accountId")).put("amount", amount)))
          .toList());
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < all.size(); i++) {
        HttpResponse<Buffer> response = all.resultAt(i);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("amount");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void aTransferWithoutIdempotencyKeyIsRefusedNamingTheHeader(VertxTestContext ctx) {
    account(0).compose(account -> withdraw(account, null, 1_000))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(400);
          assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
              .isEqualTo("Idempotency-Key");
          ctx.completeNow();
        })));
  }

  @Test
  void nobodyWithdrawsFromAnotherUsersAccount(VertxTestContext ctx) {
    Future.all(account(0), account(1)).compose(both -> {
      JsonObject owner = both.resultAt(0);
      JsonObject stranger = both.resultAt(1);
      long before = balance(owner);
      return STACK.transfer(stranger.getString("token"), "withdraw", UUID.randomUUID().toString(),
          new JsonObject().put("accountId", owner.getString("accountId")).put("amount", 1_000)).map(response -> {
            ctx.verify(() -> {
              assertThat(response.statusCode()).isEqualTo(404);
              assertThat(balance(owner)).isEqualTo(before);
            });
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }
}
