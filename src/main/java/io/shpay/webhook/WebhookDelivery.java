package io.shpay.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One event queued for a merchant's endpoint and how its sending stands. Read one at a time it also carries the
 * body that is sent ({@code payload}, the signed JSON text) and every attempt; in a list both are null. Its JSON
 * form is only how it crosses the event bus: the REST body is built from the fields in the API.
 */
@DataObject
public final class WebhookDelivery {

  /** Where a delivery stands: still to be sent (or being retried), received by the merchant, or given up. */
  public enum Status { PENDING, DELIVERED, FAILED }

  private final String id;
  private final String eventId;
  private final String eventType;
  private final String paymentId;
  private final Status status;
  private final int attempts;
  private final Integer lastStatusCode;
  private final String lastError;
  private final Instant nextAttemptAt;
  private final Instant createdAt;
  private final Instant deliveredAt;
  private final String payload;
  private final List<WebhookAttempt> attemptLog;

  public WebhookDelivery(String id, String eventId, String eventType, String paymentId, Status status, int attempts,
      Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
      String payload, List<WebhookAttempt> attemptLog) {
    this.id = id;
    this.eventId = eventId;
    this.eventType = eventType;
    this.paymentId = paymentId;
    this.status = status;
    this.attempts = attempts;
    this.lastStatusCode = lastStatusCode;
    this.lastError = lastError;
    this.nextAttemptAt = nextAttemptAt;
    this.createdAt = createdAt;
    this.deliveredAt = deliveredAt;
    this.payload = payload;
    this.attemptLog = attemptLog == null ? null : List.copyOf(attemptLog);
  }

  public WebhookDelivery(JsonObject json) {
    this(json.getString("id"), json.getString("eventId"), json.getString("eventType"), json.getString("paymentId"),
        Status.valueOf(json.getString("status")), json.getInteger("attempts"), json.getInteger("lastStatusCode"),
        json.getString("lastError"), instant(json, "nextAttemptAt"), instant(json, "createdAt"),
        instant(json, "deliveredAt"), json.getString("payload"), attempts(json.getJsonArray("attemptLog")));
  }

  public JsonObject toJson() {
    JsonArray log = null;
    if (attemptLog != null) {
      log = new JsonArray();
      for (WebhookAttempt attempt : attemptLog) {
        log.add(attempt.toJson());
      }
    }
    return new JsonObject().put("id", id).put("eventId", eventId).put("eventType", eventType)
        .put("paymentId", paymentId).put("status", status.name()).put("attempts", attempts)
        .put("lastStatusCode", lastStatusCode).put("lastError", lastError)
        .put("nextAttemptAt", text(nextAttemptAt)).put("createdAt", text(createdAt))
        .put("deliveredAt", text(deliveredAt)).put("payload", payload).put("attemptLog", log);
  }

  /** The same delivery with its body and attempts, as one read of it answers. */
  WebhookDelivery withDetail(String body, List<WebhookAttempt> log) {
    return new WebhookDelivery(id, eventId, eventType, paymentId, status, attempts, lastStatusCode, lastError,
        nextAttemptAt, createdAt, deliveredAt, body, log);
  }

  public String id() {
    return id;
  }

  public String eventId() {
    return eventId;
  }

  public String eventType() {
    return eventType;
  }

  public String paymentId() {
    return paymentId;
  }

  public Status status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Integer lastStatusCode() {
    return lastStatusCode;
  }

  public String lastError() {
    return lastError;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant deliveredAt() {
    return deliveredAt;
  }

  /** The webhook body as sent (JSON text), or null in a list. */
  public String payload() {
    return payload;
  }

  /** Every attempt, first first, or null in a list. */
  public List<WebhookAttempt> attemptLog() {
    return attemptLog;
  }

  private static Instant instant(JsonObject json, String field) {
    return json.getString(field) == null ? null : Instant.parse(json.getString(field));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static List<WebhookAttempt> attempts(JsonArray log) {
    if (log == null) {
      return null;
    }
    List<WebhookAttempt> attempts = new ArrayList<>();
    log.forEach(attempt -> attempts.add(new WebhookAttempt((JsonObject) attempt)));
    return attempts;
  }
}
