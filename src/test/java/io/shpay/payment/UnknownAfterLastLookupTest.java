package io.shpay.payment;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.local.FreePorts;
import io.shpay.testing.BankingStack;
import io.shpay.testing.HookReceiver;
import io.shpay.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A payment whose outcome the bank never tells (its answer was lost and every later look-up fails)
 * stops being looked up after {@code payments.reconcileGiveUpAfter}; at that point it alerts
 * (Slack and a metric) instead of staying UNKNOWN silently, and an ADMIN settles it with the bank's
 * evidence through an audited repair. Steps run one after another on the test thread.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UnknownAfterLastLookupTest {

  private static final int SLACK_PORT = FreePorts.pick();
  private static final String SLACK_PATH = "/services/T000/B000/give-up-test";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(new JsonObject()
      .put("SHPAY_SLACK_WEBHOOK_URL", "http://127.0.0.1:" + SLACK_PORT + SLACK_PATH), UnaryOperator.identity());

  private static HookReceiver slack;

  @BeforeAll
  static void slack() {
    slack = await(HookReceiver.start(STACK.vertx(), SLACK_PORT));
  }

  @AfterAll
  static void close() {
    STACK.nh().faults().clear();
    await(slack.close());
  }

  @Test
  void anUnknownPastItsLastLookupAlertsAndAnAdminRepairsItWithTheBanksEvidence() {
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    String checkoutId = await(STACK.checkout(merchant, 4_000));
    // NH takes the money but the answer is lost, and NH's history cannot be read for days.
    STACK.nh().faults().dropNext("DrawingTransfer", 1);
    STACK.nh().faults().failNext("InquireTransactionHistory", 1_000, "E9999", "history unavailable");
    HttpResponse<Buffer> paid = await(STACK.pay(user.getString("accessToken"), checkoutId, user.getString("finAccountId"),
        UUID.randomUUID().toString()));
    String paymentId = paid.bodyAsJsonObject().getString("id");
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("UNKNOWN");
    String admin = adminToken();

    // Four days of look-ups, each one day apart: every one fails, the last one gives up.
    PaymentService payments = PaymentService.proxy(STACK.app().app().vertx());
    for (int day = 0; day < 4; day++) {
      STACK.clock().advance(Duration.ofDays(1));
      await(payments.reconcile());
    }

    Row stuck = await(paymentRow(paymentId));
    assertThat(stuck.getString("status")).isEqualTo("UNKNOWN");
    assertThat(stuck.getLocalDateTime("next_reconcile_at")).as("no look-up is scheduled any more").isNull();
    var alerts = await(slack.await(received -> received.stream().anyMatch(r -> r.body().contains(paymentId)),
        "the give-up alert reached Slack"));
    assertThat(alerts.stream().filter(r -> r.body().contains(paymentId)).findFirst().orElseThrow().body())
        .contains("still UNKNOWN after the last look-up").contains("/api/v1/admin/repairs");
    String metrics = await(STACK.api().get("/metrics", null)).bodyAsString();
    assertThat(metrics).containsPattern("shpay_reconciliation_gave_up_total\\{kind=\"payment\"[^}]*} [1-9]");

    HttpResponse<Buffer> notAdmin = await(STACK.api().request(HttpMethod.POST, "/api/v1/admin/repairs")
        .bearerTokenAuthentication(user.getString("accessToken")).sendJsonObject(evidence(paymentId, "APPROVED")));
    HttpResponse<Buffer> repaired = repair(admin, paymentId, "APPROVED");
    HttpResponse<Buffer> again = repair(admin, paymentId, "FAILED");

    assertThat(notAdmin.statusCode()).isEqualTo(403);
    assertThat(repaired.statusCode()).as(repaired.bodyAsString()).isEqualTo(201);
    assertThat(repaired.bodyAsJsonObject().getJsonObject("payment").getString("status")).isEqualTo("APPROVED");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("code")).isEqualTo("not_repairable");
    Row audit = await(auditRow(paymentId));
    assertThat(audit.getString("outcome")).isEqualTo("APPROVED");
    assertThat(audit.getString("previous_status")).isEqualTo("UNKNOWN");
    assertThat(audit.getString("bank_transaction_id")).isEqualTo("NH-TUNO-20261201-0001");
    assertThat(audit.getString("reason")).contains("NH branch confirmed");
    assertThat(audit.getString("repaired_by")).isEqualTo(repaired.bodyAsJsonObject().getString("repairedBy"));
    assertThat(audit.getLocalDateTime("repaired_at")).isNotNull();
    JsonObject checkout = await(STACK.api().get("/api/v1/checkouts/" + checkoutId, user.getString("accessToken"))).bodyAsJsonObject();
    assertThat(checkout.getString("status")).isEqualTo("PAID");
  }

  private static JsonObject evidence(String paymentId, String outcome) {
    return new JsonObject().put("kind", "payment").put("id", paymentId).put("outcome", outcome)
        .put("bankTransactionId", "NH-TUNO-20261201-0001").put("bankTransactionAt", "2026-12-01T10:15:00+09:00")
        .put("reason", "NH branch confirmed the withdrawal by phone, ticket 4711");
  }

  private static HttpResponse<Buffer> repair(String adminToken, String paymentId, String outcome) {
    return await(STACK.api().request(HttpMethod.POST, "/api/v1/admin/repairs").bearerTokenAuthentication(adminToken)
        .sendJsonObject(evidence(paymentId, outcome)));
  }

  private static String adminToken() {
    return await(STACK.api().login(BankingStack.ADMIN_EMAIL, BankingStack.ADMIN_PASSWORD)).bodyAsJsonObject()
        .getString("accessToken");
  }

  private static Future<Row> paymentRow(String paymentId) {
    return query("SELECT * FROM payments WHERE id = ?", paymentId);
  }

  private static Future<Row> auditRow(String paymentId) {
    return query("SELECT * FROM settlement_repairs WHERE movement_id = ?", paymentId);
  }

  private static Future<Row> query(String sql, String id) {
    var pool = MySQLBuilder.pool().connectingTo(TestServers.get().mysqlUri()).using(STACK.vertx()).build();
    return pool.preparedQuery(sql).execute(Tuple.of(id)).map(rows -> rows.iterator().next()).eventually(pool::close);
  }

}
