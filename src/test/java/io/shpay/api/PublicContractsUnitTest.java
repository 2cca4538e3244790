package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.events.PaymentEvent;
import io.shpay.events.PaymentEventType;
import io.shpay.payment.PaymentEventData;
import io.shpay.payment.PaymentRecord;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import io.shpay.payment.RefundRecord;
import io.shpay.testing.PublishedSchemas;
import io.shpay.webhook.WebhookBody;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The three public views of a payment are allow-lists built apart from each other: the REST body
 * ({@link PaymentJson}), the Kafka event data ({@link PaymentEventData}) and the webhook body
 * ({@link WebhookBody}, built from the event as consumers read it). A field added to one reaches
 * no other, and the event and webhook carry exactly what their published schemas list.
 */
class PublicContractsUnitTest {

  private static final Instant CREATED = Instant.parse("2026-11-21T06:00:00.125Z");
  private static final Instant SETTLED = Instant.parse("2026-11-21T06:00:01.500Z");
  private static final PaymentRecord PAYMENT = new PaymentRecord(UUID.randomUUID().toString(),
      UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), 9_000, 4_000,
      PaymentStatus.APPROVED, Rail.NH, "00000", "정상처리 되었습니다", CREATED, SETTLED);
  private static final RefundRecord REFUND = new RefundRecord(UUID.randomUUID().toString(), PAYMENT.id(), 4_000,
      "customer returned the goods", PaymentStatus.APPROVED, "00000", "ok", SETTLED);

  @Test
  void theRestBodiesKeepTheirFieldsInTheirOrder() {
    assertThat(PaymentJson.payment(PAYMENT).fieldNames()).containsExactly("id", "checkoutId", "merchantId", "amount",
        "refundedAmount", "currency", "status", "rail", "bankCode", "bankMessage", "createdAt", "updatedAt");
    assertThat(PaymentJson.refund(REFUND).fieldNames()).containsExactly("id", "paymentId", "amount", "currency",
        "reason", "status", "bankCode", "bankMessage", "createdAt");
    assertThat(PaymentJson.payment(PAYMENT).getString("createdAt")).isEqualTo("2026-11-21T06:00:00.125Z");
  }

  @Test
  void theEventCarriesExactlyTheFieldsItsSchemaPublishes() {
    JsonObject data = PaymentEventData.of(3, PAYMENT, "order-1", "******1234", REFUND, SETTLED);

    PublishedSchemas.assertEvent(PaymentEventType.REFUNDED.wire(), data);
    JsonObject schema = PublishedSchemas.read(PublishedSchemas.PAYMENT_EVENT);
    assertThat(data.getJsonObject("payment").fieldNames())
        .containsExactlyInAnyOrderElementsOf(properties(schema, "payment"));
    assertThat(data.getJsonObject("refund").fieldNames())
        .containsExactlyInAnyOrderElementsOf(properties(schema, "refund"));
    assertThat(data.getJsonObject("payment").getString("userId")).isEqualTo(PAYMENT.userId());
  }

  @Test
  void theWebhookCarriesExactlyTheFieldsItsSchemaPublishesAndNothingAboutThePayer() {
    JsonObject body = WebhookBody.of(consumed(PaymentEventType.REFUNDED,
        PaymentEventData.of(3, PAYMENT, "order-1", "******1234", REFUND, SETTLED)));

    PublishedSchemas.assertWebhook(body.encode());
    JsonObject data = PublishedSchemas.read(PublishedSchemas.PAYMENT_WEBHOOK).getJsonObject("properties")
        .getJsonObject("data");
    assertThat(body.getJsonObject("data").getJsonObject("payment").fieldNames())
        .containsExactlyInAnyOrderElementsOf(properties(data, "payment"));
    assertThat(body.getJsonObject("data").getJsonObject("refund").fieldNames())
        .containsExactlyInAnyOrderElementsOf(properties(data, "refund"));
    assertThat(body.encode()).doesNotContain(PAYMENT.userId()).doesNotContain("1234");
  }

  @Test
  void aFieldAddedToTheRestBodyReachesNeitherTheEventNorTheWebhook() {
    // A new REST field, as a future change to PaymentJson would add it.
    JsonObject rest = PaymentJson.payment(PAYMENT).put("riskScore", 7);

    JsonObject event = PaymentEventData.of(1, PAYMENT, "order-1", null, null, SETTLED);
    JsonObject webhook = WebhookBody.of(consumed(PaymentEventType.APPROVED, event));

    assertThat(rest.containsKey("riskScore")).isTrue();
    assertThat(event.getJsonObject("payment").containsKey("riskScore")).isFalse();
    assertThat(webhook.getJsonObject("data").getJsonObject("payment").containsKey("riskScore")).isFalse();
    // Structurally so: neither builder can be handed a JSON view to pass on, only typed records.
    assertTakesNoJson(PaymentEventData.class.getDeclaredMethods());
    assertTakesNoJson(WebhookBody.class.getDeclaredMethods());
    for (Class<?> part : new Class<?>[] {PaymentEvent.class, PaymentEvent.Payment.class, PaymentEvent.Refund.class}) {
      assertThat(Arrays.stream(part.getRecordComponents()).map(RecordComponent::getType))
          .as("%s holds typed fields, not a JSON bag", part.getSimpleName()).doesNotContain((Class) JsonObject.class);
    }
  }

  private static void assertTakesNoJson(Method[] methods) {
    for (Method method : methods) {
      if (method.isSynthetic()) {
        continue;  // a lambda's captured locals, not an input
      }
      assertThat(method.getParameterTypes()).as(method.toString()).doesNotContain(JsonObject.class);
    }
  }

  private static Set<String> properties(JsonObject schema, String part) {
    return schema.getJsonObject("properties").getJsonObject(part).getJsonObject("properties").fieldNames();
  }

  /** The event as a consumer reads it off Kafka (CloudEvents binary mode). */
  private static PaymentEvent consumed(PaymentEventType type, JsonObject data) {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("shpay.payment-events", 0, 0L, PAYMENT.id(),
        data.encode().getBytes(StandardCharsets.UTF_8));
    header(record, "ce_specversion", "1.0");
    header(record, "ce_id", UUID.randomUUID().toString());
    header(record, "ce_type", type.wire());
    header(record, "ce_source", "/shpay/payments");
    header(record, "content-type", "application/json");
    return PaymentEvent.from(record);
  }

  private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
