package io.shpay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shpay.payment.PaymentStatus;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Reading payment events in CloudEvents Kafka binary mode, and refusing what a consumer could not rely on. */
class PaymentEventUnitTest {

  @Test
  void anApprovedPaymentIsReadWithItsIdTypeTimeAndAmount() {
    PaymentEvent event = PaymentEvent.from(record("evt-1", PaymentEventType.APPROVED.wire(), approved()));

    assertThat(event.id()).isEqualTo("evt-1");
    assertThat(event.type()).isEqualTo(PaymentEventType.APPROVED);
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-21T06:00:00Z"));
    assertThat(event.paymentId()).isEqualTo("pay-1");
    assertThat(event.userId()).isEqualTo("user-1");
    assertThat(event.merchantId()).isEqualTo("merchant-1");
    assertThat(event.status()).isEqualTo(PaymentStatus.APPROVED);
    assertThat(event.amount()).isEqualTo(12_000L);
    assertThat(event.isRefund()).isFalse();
    assertThat(event.refund()).isEmpty();
  }

  @Test
  void aRefundEventReportsTheRefundsStatusAmountAndBankAnswer() {
    JsonObject data = approved().put("refund", new JsonObject()
        .put("id", "ref-1").put("amount", 5_000).put("status", "APPROVED").put("bankCode", "00000")
        .put("bankMessage", "ok"));

    PaymentEvent event = PaymentEvent.from(record("evt-2", PaymentEventType.REFUNDED.wire(), data));

    assertThat(event.isRefund()).isTrue();
    assertThat(event.amount()).isEqualTo(5_000L);
    assertThat(event.bankCode()).isEqualTo("00000");
    assertThat(event.bankMessage()).isEqualTo("ok");
  }

  @Test
  void anOffsetTimeIsReadAsTheSameInstant() {
    JsonObject data = approved().put("occurredAt", "2026-11-21T15:00:00+09:00");

    assertThat(PaymentEvent.from(record("evt-3", PaymentEventType.APPROVED.wire(), data)).occurredAt())
        .isEqualTo(Instant.parse("2026-11-21T06:00:00Z"));
  }

  @Test
  void whatAConsumerCannotRelyOnIsMalformed() {
    JsonObject noUser = approved();
    noUser.getJsonObject("payment").remove("userId");
    JsonObject textAmount = approved();
    textAmount.getJsonObject("payment").put("amount", "12000");

    assertMalformed(record("e", PaymentEventType.APPROVED.wire(), approved().put("schemaVersion", 2)), "schemaVersion 2");
    assertMalformed(record("e", PaymentEventType.APPROVED.wire(), noUser), "payment.userId");
    assertMalformed(record("e", PaymentEventType.APPROVED.wire(), textAmount), "payment.amount");
    assertMalformed(record("e", "shpay.order.created", approved()), "unknown event type");
    assertMalformed(record("e", PaymentEventType.REFUNDED.wire(), approved()), "has no refund");
    assertMalformed(record("e", PaymentEventType.APPROVED.wire(), approved().put("occurredAt", "yesterday")),
        "no valid occurredAt");
  }

  @Test
  void aRecordThatIsNotACloudEventOrNotJsonIsMalformed() {
    ConsumerRecord<String, byte[]> plain = new ConsumerRecord<>("t", 0, 0L, "pay-1",
        approved().encode().getBytes(StandardCharsets.UTF_8));
    ConsumerRecord<String, byte[]> notJson = record("e", PaymentEventType.APPROVED.wire(), null);

    assertThatThrownBy(() -> PaymentEvent.from(plain)).isInstanceOf(MalformedEvent.class)
        .hasMessageContaining("not a CloudEvent");
    assertThatThrownBy(() -> PaymentEvent.from(notJson)).isInstanceOf(MalformedEvent.class)
        .hasMessageContaining("not a JSON object");
  }

  private static void assertMalformed(ConsumerRecord<String, byte[]> record, String why) {
    assertThatThrownBy(() -> PaymentEvent.from(record)).isInstanceOf(MalformedEvent.class).hasMessageContaining(why);
  }

  static JsonObject approved() {
    return new JsonObject()
        .put("schemaVersion", 1)
        .put("occurredAt", "2026-11-21T06:00:00Z")
        .put("payment", new JsonObject()
            .put("id", "pay-1").put("merchantId", "merchant-1").put("userId", "user-1").put("orderId", "order-1")
            .put("amount", 12_000).put("refundedAmount", 0).put("status", "APPROVED").put("rail", "NH"));
  }

  /**
   * Binary mode: the attributes in ce_* headers (no ce_time), the data as the value ({@code null} data = a value that
   * is not JSON).
   */
  static ConsumerRecord<String, byte[]> record(String id, String type, JsonObject data) {
    byte[] value = data == null ? "not json".getBytes(StandardCharsets.UTF_8) : data.encode().getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("shpay.payment-events", 0, 0L, "pay-1", value);
    header(record, "ce_specversion", "1.0");
    header(record, "ce_id", id);
    header(record, "ce_type", type);
    header(record, "ce_source", "/shpay/payments");
    header(record, "content-type", "application/json");
    return record;
  }

  private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
