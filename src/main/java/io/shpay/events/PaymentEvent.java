package io.shpay.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.Rail;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One payment event as consumers see it: the CloudEvent id and type, and the version-1 data
 * ({@code src/main/resources/events/payment-event.v1.schema.json}) read into typed parts. Parsing
 * checks what every consumer relies on, so a handler never meets a half-formed event; fields the
 * schema added later (or that a consumer does not need) may be null.
 *
 * @param occurredAtText {@code occurredAt} as published, passed on verbatim by consumers that
 *     forward it (webhooks, notifications); null when the event had none and {@code ce_time} stood in
 * @param sequence the event's number among its payment's events (later is newer), or null on
 *     events older than the field
 */
public record PaymentEvent(String id, PaymentEventType type, Instant occurredAt, String occurredAtText, Long sequence,
    Payment payment, Refund refundOrNull) {

  /** The payment as it stood after the change. */
  public record Payment(String id, String checkoutId, String merchantId, String orderId, String userId, long amount,
      long refundedAmount, PaymentStatus status, Rail rail, String bankCode, String bankMessage, String accountMasked,
      String createdAt, String updatedAt) {}

  /** The refund concerned, on refund events. */
  public record Refund(String id, String paymentId, long amount, String reason, PaymentStatus status, String bankCode,
      String bankMessage, String createdAt) {}

  /** Reads a record in CloudEvents Kafka binary mode; anything else is a {@link MalformedEvent}. */
  public static PaymentEvent from(ConsumerRecord<String, byte[]> record) {
    CloudEvent event;
    try {
      event = KafkaMessageFactory.createReader(record).toEvent();
    } catch (RuntimeException e) {
      throw new MalformedEvent("not a CloudEvent: " + e.getMessage(), e);
    }
    if (event.getData() == null) {
      throw new MalformedEvent("CloudEvent " + event.getId() + " has no data");
    }
    JsonObject data;
    try {
      data = new JsonObject(io.vertx.core.buffer.Buffer.buffer(event.getData().toBytes()));
    } catch (DecodeException | ClassCastException e) {
      throw new MalformedEvent("CloudEvent " + event.getId() + " data is not a JSON object", e);
    }
    return parse(event, data);
  }

  private static PaymentEvent parse(CloudEvent event, JsonObject data) {
    String id = event.getId();
    // An unknown type is not guessed at: it goes to the dead letters, to be replayed by a consumer that knows it.
    PaymentEventType type = PaymentEventType.fromWire(event.getType())
        .orElseThrow(() -> new MalformedEvent("unknown event type " + event.getType()));
    Object version = data.getValue("schemaVersion");
    if (!(version instanceof Number number) || number.intValue() != 1) {
      throw new MalformedEvent("event " + id + " has schemaVersion " + version + ", expected 1");
    }
    if (!(data.getValue("payment") instanceof JsonObject payment)) {
      throw new MalformedEvent("event " + id + " has no payment");
    }
    Refund refund = null;
    if (type.isRefund()) {
      if (!(data.getValue("refund") instanceof JsonObject refundJson)) {
        throw new MalformedEvent("event " + id + " of type " + type.wire() + " has no refund");
      }
      refund = refund(id, refundJson);
    }
    return new PaymentEvent(id, type, occurredAt(event, data), text(data, "occurredAt"),
        data.getValue("sequence") instanceof Number sequence ? sequence.longValue() : null,
        payment(id, payment), refund);
  }

  private static Payment payment(String eventId, JsonObject json) {
    Fields fields = new Fields(eventId, "payment", json);
    return new Payment(fields.required("id"), text(json, "checkoutId"), fields.required("merchantId"),
        fields.required("orderId"), fields.required("userId"), fields.number("amount"), fields.number("refundedAmount"),
        fields.status(true), fields.rail(), text(json, "bankCode"), text(json, "bankMessage"),
        text(json, "accountMasked"), text(json, "createdAt"), text(json, "updatedAt"));
  }

  private static Refund refund(String eventId, JsonObject json) {
    Fields fields = new Fields(eventId, "refund", json);
    return new Refund(text(json, "id"), text(json, "paymentId"), fields.number("amount"), text(json, "reason"),
        fields.status(false), text(json, "bankCode"), text(json, "bankMessage"), text(json, "createdAt"));
  }

  /** Reads one part of the data, naming the event and field in what it refuses. */
  private record Fields(String eventId, String part, JsonObject json) {

    String required(String field) {
      if (!(json.getValue(field) instanceof String text) || text.isBlank()) {
        throw missing(field, "");
      }
      return text;
    }

    long number(String field) {
      if (!(json.getValue(field) instanceof Number number)) {
        throw missing(field, "numeric ");
      }
      return number.longValue();
    }

    PaymentStatus status(boolean required) {
      String status = required ? required("status") : text(json, "status");
      try {
        return status == null ? null : PaymentStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw new MalformedEvent("event " + eventId + " has an unknown " + part + ".status " + status);
      }
    }

    Rail rail() {
      String rail = required("rail");
      try {
        return Rail.valueOf(rail);
      } catch (IllegalArgumentException e) {
        throw new MalformedEvent("event " + eventId + " has an unknown " + part + ".rail " + rail);
      }
    }

    private MalformedEvent missing(String field, String kind) {
      return new MalformedEvent("event " + eventId + " has no " + kind + part + "." + field);
    }
  }

  private static String text(JsonObject json, String field) {
    return json.getValue(field) instanceof String text ? text : null;
  }

  private static Instant occurredAt(CloudEvent event, JsonObject data) {
    try {
      return OffsetDateTime.parse(data.getString("occurredAt", "")).toInstant();
    } catch (DateTimeParseException | ClassCastException e) {
      if (event.getTime() != null) {
        return event.getTime().toInstant();
      }
      throw new MalformedEvent("CloudEvent " + event.getId() + " has no valid occurredAt");
    }
  }

  public Optional<Refund> refund() {
    return Optional.ofNullable(refundOrNull);
  }

  public String paymentId() {
    return payment.id();
  }

  public String userId() {
    return payment.userId();
  }

  public String merchantId() {
    return payment.merchantId();
  }

  public boolean isRefund() {
    return type.isRefund();
  }

  /** The status this event reports: the refund's for refund events, otherwise the payment's. */
  public PaymentStatus status() {
    return refund().map(Refund::status).orElse(payment.status());
  }

  /** The bank's code and reason for this outcome, if the bank gave one. */
  public String bankCode() {
    return refund().map(Refund::bankCode).orElse(payment.bankCode());
  }

  public String bankMessage() {
    return refund().map(Refund::bankMessage).orElse(payment.bankMessage());
  }

  /** The amount this event is about: the refund's for refund events, otherwise the payment's. */
  public long amount() {
    return refund().map(Refund::amount).orElse(payment.amount());
  }
}
