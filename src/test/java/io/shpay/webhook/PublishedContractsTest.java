package io.shpay.webhook;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.events.PaymentEventType;
import io.shpay.payment.PaymentService;
import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTap;
import io.shpay.testing.EventTopics;
import io.shpay.testing.Eventually;
import io.shpay.testing.HookReceiver;
import io.shpay.testing.PublishedSchemas;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Every type of payment event SH Pay publishes, produced by real payments and refunds against the
 * sandboxes, conforms to {@code events/payment-event.v1.schema.json}, and every webhook body sent
 * for them to {@code webhooks/payment-webhook.v1.schema.json}, publishing no field the schemas do not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PublishedContractsTest {

  private static final JsonObject TOPICS = EventTopics.isolated();
  private static final String NH_CHARGE = "DrawingTransfer";
  private static final String NH_REFUND = "ReceivedTransferFinAccount";

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(TOPICS.copy()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,history")
      .put("SHPAY_WEBHOOKS_SIGNING_SECRET", "test-webhook-master-secret-0123456789abcdef")
      .put("SHPAY_WEBHOOKS_ALLOW_INSECURE_URLS", true)
      .put("SHPAY_WEBHOOKS_POLL_INTERVAL", "PT0.05S"), UnaryOperator.identity());

  private static HookReceiver receiver;
  private static EventTap events;

  @BeforeAll
  static void listen() {
    receiver = await(HookReceiver.start(STACK.vertx(), 0));
    events = await(EventTap.start(STACK.vertx(), EventTopics.topic(TOPICS)));
  }

  @AfterAll
  static void close() {
    await(events.close());
    await(receiver.close());
  }

  @Test
  void everyEventTypeAndEveryWebhookBodyConformsToItsPublishedSchema() {
    String path = "/hooks/" + UUID.randomUUID();
    JsonObject merchant = await(STACK.merchant());
    JsonObject user = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    HttpResponse<Buffer> registered = await(merchantCall(merchant, HttpMethod.PUT, "/api/v1/merchant/webhook")
        .sendJsonObject(new JsonObject().put("url", receiver.url(path))));
    assertThat(registered.statusCode()).isEqualTo(200);

    // approved, then one refund refunded and one refused by the bank
    String refunded = await(STACK.paidCheckout(merchant, user, 9_000));
    assertThat(await(refund(merchant, refunded, 4_000)).statusCode()).isEqualTo(201);
    STACK.nh().faults().failNext(NH_REFUND, 1, "E0301", null);
    assertThat(await(refund(merchant, refunded, 1_000)).statusCode()).as("the bank refused the refund").isEqualTo(422);
    // failed: the bank refuses the charge
    STACK.nh().faults().failNext(NH_CHARGE, 1, "E0201", null);
    String failed = await(STACK.paidCheckout(merchant, user, 2_000));
    // unknown, then settled by a lookup
    STACK.nh().faults().dropNext(NH_CHARGE, 1);
    String unknown = await(STACK.paidCheckout(merchant, user, 3_000));
    STACK.nh().faults().clear();
    STACK.clock().advance(Duration.ofMinutes(2));
    await(PaymentService.proxy(STACK.app().app().vertx()).reconcile());

    // EventTap checks each event against the published schema as it is read.
    List<EventTap.Event> published = await(Eventually.until(STACK.vertx(),
        () -> Future.succeededFuture(List.of(refunded, failed, unknown).stream()
            .flatMap(paymentId -> events.of(paymentId).stream()).toList()),
        all -> all.size() >= 6, "the six events of the three payments"));
    assertThat(published.stream().map(EventTap.Event::type).collect(Collectors.toSet()))
        .as("every published event type was produced and checked")
        .isEqualTo(Arrays.stream(PaymentEventType.values()).map(PaymentEventType::wire).collect(Collectors.toSet()));

    List<HookReceiver.Received> bodies = await(receiver.await(
        all -> all.stream().filter(r -> r.path().equals(path)).count() >= published.size(),
        published.size() + " webhooks at " + path)).stream().filter(r -> r.path().equals(path)).toList();
    for (HookReceiver.Received body : bodies) {
      PublishedSchemas.assertWebhook(body.body());
    }
    assertThat(bodies.stream().map(r -> new JsonObject(r.body()).getString("id")).collect(Collectors.toSet()))
        .as("one webhook per event")
        .isEqualTo(published.stream().map(EventTap.Event::id).collect(Collectors.toSet()));
  }

  private static Future<HttpResponse<Buffer>> refund(JsonObject merchant, String paymentId, long amount) {
    return merchantCall(merchant, HttpMethod.POST, "/api/v1/payments/" + paymentId + "/refunds")
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("amount", amount).put("reason", "customer returned the goods"));
  }

  private static io.vertx.ext.web.client.HttpRequest<Buffer> merchantCall(JsonObject merchant, HttpMethod method,
      String uri) {
    return STACK.api().request(method, uri).putHeader("X-Api-Key", merchant.getString("apiKey"));
  }
}
