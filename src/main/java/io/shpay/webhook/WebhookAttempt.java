package io.shpay.webhook;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One attempt at a delivery: the URL it went to, the merchant's HTTP status (null when none came back), the error
 * that made it fail (null when delivered) and how long it took. Its JSON form is only how it crosses the event bus.
 */
@DataObject
public final class WebhookAttempt {

  private final int attempt;
  private final String url;
  private final Integer statusCode;
  private final String error;
  private final Integer durationMs;
  private final Instant attemptedAt;

  public WebhookAttempt(int attempt, String url, Integer statusCode, String error, Integer durationMs,
      Instant attemptedAt) {
    this.attempt = attempt;
    this.url = url;
    this.statusCode = statusCode;
    this.error = error;
    this.durationMs = durationMs;
    this.attemptedAt = attemptedAt;
  }

  public WebhookAttempt(JsonObject json) {
    this(json.getInteger("attempt"), json.getString("url"), json.getInteger("statusCode"), json.getString("error"),
        json.getInteger("durationMs"), Instant.parse(json.getString("attemptedAt")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("attempt", attempt).put("url", url).put("statusCode", statusCode)
        .put("error", error).put("durationMs", durationMs).put("attemptedAt", attemptedAt.toString());
  }

  public int attempt() {
    return attempt;
  }

  public String url() {
    return url;
  }

  public Integer statusCode() {
    return statusCode;
  }

  public String error() {
    return error;
  }

  public Integer durationMs() {
    return durationMs;
  }

  public Instant attemptedAt() {
    return attemptedAt;
  }
}
