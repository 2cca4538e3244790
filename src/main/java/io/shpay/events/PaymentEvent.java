package io.shpay.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One payment event as consumers see it: the CloudEvent id and type, and the version-1 data
 * ({@code src/main/resources/events/payment-event.v1.schema.json}). Parsing checks what every
 * consumer relies on, so a handler never meets a half-formed event.
 */
public record PaymentEvent(String id, String type, Instant occurredAt, JsonObject data) {

  public static final String APPROVED = "shpay.payment.approved";
  public static final String FAILED = "shpay.payment.failed";
  public static final String UNKNOWN = "shpay.payment.unknown";
  public static final String REFUNDED = "shpay.payment.refunded";
  public static final String REFUND_FAILED = "shpay.payment.refund_failed";

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
    PaymentEvent parsed = new PaymentEvent(event.getId(), event.getType(), occurredAt(event, data), data);
    parsed.validate();
    return parsed;
  }

  private static Instant occurredAt(CloudEvent event, JsonObject data) {
    try {
      return OffsetDateTime.parse(data.getString("occurredAt", "")).toInstant();
    } catch (DateTimeParseException e) {
      if (event.getTime() != null) {
        return event.getTime().toInstant();
      }
      throw new MalformedEvent("CloudEvent " + event.getId() + " has no valid occurredAt");
    }
  }

  private void validate() {
    if (!type.startsWith("shpay.payment.")) {
      throw new MalformedEvent("unknown event type " + type);
    }
    Object version = data.getValue("schemaVersion");
    if (!(version instanceof Number number) || number.intValue() != 1) {
      throw new MalformedEvent("event " + id + " has schemaVersion " + version + ", expected 1");
    }
    JsonObject payment = data.getValue("payment") instanceof JsonObject p ? p : null;
    if (payment == null) {
      throw new MalformedEvent("event " + id + " has no payment");
    }
    for (String field : new String[] {"id", "merchantId", "userId", "orderId", "status", "rail"}) {
      if (!(payment.getValue(field) instanceof String text) || text.isBlank()) {
        throw new MalformedEvent("event " + id + " has no payment." + field);
      }
    }
    for (String field : new String[] {"amount", "refundedAmount"}) {
      if (!(payment.getValue(field) instanceof Number)) {
        throw new MalformedEvent("event " + id + " has no numeric payment." + field);
      }
    }
    if (isRefund() && !(data.getValue("refund") instanceof JsonObject)) {
      throw new MalformedEvent("event " + id + " of type " + type + " has no refund");
    }
  }

  public JsonObject payment() {
    return data.getJsonObject("payment");
  }

  public Optional<JsonObject> refund() {
    return Optional.ofNullable(data.getJsonObject("refund"));
  }

  /** The event's number among its payment's events (later is newer), or null on events older than the field. */
  public Long sequence() {
    return data.getValue("sequence") instanceof Number number ? number.longValue() : null;
  }

  public String paymentId() {
    return payment().getString("id");
  }

  public String userId() {
    return payment().getString("userId");
  }

  public String merchantId() {
    return payment().getString("merchantId");
  }

  public boolean isRefund() {
    return REFUNDED.equals(type) || REFUND_FAILED.equals(type);
  }

  /** The status this event reports: the refund's for refund events, otherwise the payment's. */
  public String status() {
    return refund().map(refund -> refund.getString("status")).orElse(payment().getString("status"));
  }

  /** The bank's code and reason for this outcome, if the bank gave one. */
  public String bankCode() {
    return refund().map(refund -> refund.getString("bankCode")).orElse(payment().getString("bankCode"));
  }

  public String bankMessage() {
    return refund().map(refund -> refund.getString("bankMessage")).orElse(payment().getString("bankMessage"));
  }

  /** The amount this event is about: the refund's for refund events, otherwise the payment's. */
  public long amount() {
    return refund().map(refund -> refund.getLong("amount")).orElse(payment().getLong("amount"));
  }
}
