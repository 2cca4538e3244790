package io.shpay.user;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One of a user's live sign-in sessions: when it began and was last renewed, when it ends, where its login came
 * from, and whether it is the session asking ({@code current}). Never a token. Its JSON form is only how it crosses
 * the event bus.
 */
@DataObject
public final class SessionView {

  private final String id;
  private final boolean current;
  private final Instant startedAt;
  private final Instant lastActiveAt;
  private final Instant expiresAt;
  private final String clientAddress;

  public SessionView(String id, boolean current, Instant startedAt, Instant lastActiveAt, Instant expiresAt,
      String clientAddress) {
    this.id = id;
    this.current = current;
    this.startedAt = startedAt;
    this.lastActiveAt = lastActiveAt;
    this.expiresAt = expiresAt;
    this.clientAddress = clientAddress;
  }

  public SessionView(JsonObject json) {
    this(json.getString("id"), json.getBoolean("current"), Instant.parse(json.getString("startedAt")),
        Instant.parse(json.getString("lastActiveAt")), Instant.parse(json.getString("expiresAt")),
        json.getString("clientAddress"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("current", current).put("startedAt", startedAt.toString())
        .put("lastActiveAt", lastActiveAt.toString()).put("expiresAt", expiresAt.toString())
        .put("clientAddress", clientAddress);
  }

  public String id() {
    return id;
  }

  /** Whether this is the session of the request that asked. */
  public boolean current() {
    return current;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant lastActiveAt() {
    return lastActiveAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** Where the login came from (null when unknown). */
  public String clientAddress() {
    return clientAddress;
  }
}
