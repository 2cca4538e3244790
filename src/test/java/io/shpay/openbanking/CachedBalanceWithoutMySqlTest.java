package io.shpay.openbanking;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.BankingStack;
import io.shpay.testing.TcpProxy;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A cached balance is one Redis round trip: its owner's read needs no MySQL at all (SH Pay reaches MySQL through a
 * proxy the test cuts), while another user's read of the same account id is still checked in MySQL and not found.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CachedBalanceWithoutMySqlTest {

  private static final Vertx PROXY_VERTX = Vertx.vertx();
  private static final TcpProxy MYSQL_PROXY = startProxy();

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject().put("SHPAY_MYSQL_URI", throughProxy()),
      UnaryOperator.identity());

  @AfterAll
  static void close() throws Exception {
    await(MYSQL_PROXY.restore());
    MYSQL_PROXY.close();
    await(PROXY_VERTX.close());
  }

  @Test
  void theOwnersCachedBalanceIsAnsweredWithMySqlAwayAndNobodyElseGetsIt() {
    JsonObject owner = await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(0)));
    String token = owner.getString("accessToken");
    String accountId = owner.getJsonArray("accounts").getJsonObject(0).getString("id");
    HttpResponse<Buffer> first = await(balance(token, accountId));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().fieldNames()).as("the entry's owner is not part of the view")
        .doesNotContain("owner");

    String stranger = await(STACK.api().newSession()).getString("accessToken");
    HttpResponse<Buffer> strangers = await(balance(stranger, accountId));
    assertThat(strangers.statusCode()).as("another user's read of a cached account").isEqualTo(404);

    await(MYSQL_PROXY.cut());
    try {
      HttpResponse<Buffer> cached = await(balance(token, accountId));
      assertThat(cached.statusCode()).as(cached.bodyAsString()).isEqualTo(200);
      assertThat(cached.bodyAsJsonObject().getLong("balance")).isEqualTo(first.bodyAsJsonObject().getLong("balance"));
    } finally {
      await(MYSQL_PROXY.restore());
    }
  }

  private static Future<HttpResponse<Buffer>> balance(String token, String accountId) {
    return STACK.api().get("/api/v1/accounts/" + accountId + "/balance", token);
  }

  private static TcpProxy startProxy() {
    URI target = URI.create(TestServers.get().mysqlUri());
    try {
      return TcpProxy.start(PROXY_VERTX, target.getHost(), target.getPort())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("MySQL proxy did not start", e);
    }
  }

  private static String throughProxy() {
    URI target = URI.create(TestServers.get().mysqlUri());
    return target.getScheme() + "://" + target.getRawUserInfo() + "@" + MYSQL_PROXY.host() + ":" + MYSQL_PROXY.port()
        + target.getRawPath();
  }
}
