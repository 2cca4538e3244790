package io.shpay.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.PublishedSchemas;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The published schemas catch what they must, and name the same event types as {@link PaymentEventType}. */
class PublishedSchemasUnitTest {

  @Test
  void aConformingEventPassesAndAFieldTheSchemaDoesNotPublishIsNamed() {
    JsonObject extra = event();
    extra.getJsonObject("payment").put("riskScore", 7);
    JsonObject badStatus = event();
    badStatus.getJsonObject("payment").put("status", "DONE");
    JsonObject badTime = event().put("occurredAt", "yesterday");

    assertThat(PublishedSchemas.eventViolations(PaymentEventType.APPROVED.wire(), event())).isEmpty();
    assertSingle(PublishedSchemas.eventViolations(PaymentEventType.APPROVED.wire(), extra), "riskScore");
    assertSingle(PublishedSchemas.eventViolations(PaymentEventType.APPROVED.wire(), badStatus), "status");
    assertSingle(PublishedSchemas.eventViolations(PaymentEventType.APPROVED.wire(), badTime), "occurredAt");
    assertSingle(PublishedSchemas.eventViolations("shpay.payment.settled", event()), "shpay.payment.settled");
  }

  @Test
  void aWebhookBodyWithThePayersUserIdBreaksTheWebhookSchema() {
    JsonObject payment = event().getJsonObject("payment");
    payment.remove("accountMasked");
    JsonObject body = new JsonObject().put("id", "evt-1").put("type", PaymentEventType.APPROVED.wire())
        .put("sequence", 1).put("occurredAt", "2026-11-21T06:00:00Z").put("data", new JsonObject().put("payment", payment));

    assertSingle(PublishedSchemas.webhookViolations(body.encode()), "userId");
    payment.remove("userId");
    assertThat(PublishedSchemas.webhookViolations(body.encode())).isEmpty();
  }

  @Test
  void theSchemasAndTheEventsReadmeNameEveryEventTypeThereIs() throws IOException {
    String eventSchema = PublishedSchemas.read(PublishedSchemas.PAYMENT_EVENT).getString("description");
    List<Object> webhookTypes = PublishedSchemas.read(PublishedSchemas.PAYMENT_WEBHOOK).getJsonObject("properties")
        .getJsonObject("type").getJsonArray("enum").getList();
    String readme = Files.readString(Path.of("src/main/resources/events/README.md"));
    for (PaymentEventType type : PaymentEventType.values()) {
      String suffix = type.wire().substring("shpay.payment.".length());
      assertThat(eventSchema).as("event schema names %s", type).contains(suffix);
      assertThat(readme).as("events README names %s", type).contains("`" + type.wire() + "`");
      assertThat(type.description()).isNotBlank();
    }
    assertThat(webhookTypes).containsExactlyInAnyOrderElementsOf(
        java.util.Arrays.stream(PaymentEventType.values()).map(PaymentEventType::wire).toList());
  }

  private static void assertSingle(List<String> violations, String naming) {
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0)).contains(naming);
  }

  private static JsonObject event() {
    return new JsonObject()
        .put("schemaVersion", 1)
        .put("sequence", 1)
        .put("payment", new JsonObject()
            .put("id", UUID.randomUUID().toString())
            .put("checkoutId", UUID.randomUUID().toString())
            .put("merchantId", UUID.randomUUID().toString())
            .put("amount", 1_000)
            .put("refundedAmount", 0)
            .put("currency", "KRW")
            .put("status", "APPROVED")
            .put("rail", "NH")
            .put("bankCode", "00000")
            .put("bankMessage", "ok")
            .put("createdAt", "2026-11-21T06:00:00Z")
            .put("updatedAt", "2026-11-21T06:00:00Z")
            .put("orderId", "order-1")
            .put("userId", UUID.randomUUID().toString())
            .put("accountMasked", "*******1234"))
        .put("occurredAt", "2026-11-21T06:00:00Z");
  }
}
