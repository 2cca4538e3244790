package io.shpay.api;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.user.UserRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Single-use tickets that let a browser open {@code GET /api/v1/notifications?ticket=…}: {@code EventSource} cannot
 * send {@code Authorization}, and an access token in a URL would end up in logs and histories. A ticket is 32 random
 * bytes, lives a few seconds, is stored only as a digest, and is taken out of Redis by the request that uses it (one
 * script: get and delete), so it opens one stream once. The stream it opens is bound to the session and token expiry
 * of the access token that asked for it.
 */
final class StreamTickets {

  private static final String KEY = "shpay:stream-ticket:";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String TAKE = """
      local ticket = redis.call('GET', KEYS[1])
      if ticket then redis.call('DEL', KEYS[1]) end
      return ticket""";

  private final RedisAPI redis;
  private final Duration ttl;

  StreamTickets(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  Duration ttl() {
    return ttl;
  }

  /** A new ticket for the caller's session. */
  Future<String> issue(Caller caller) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    JsonObject holder = new JsonObject().put("userId", caller.userId()).put("role", caller.role().name())
        .put("sessionId", caller.sessionId()).put("tokenExpiresAt", caller.tokenExpiresAt());
    return redis.set(List.of(KEY + digest(ticket), holder.encode(), "PX", Long.toString(ttl.toMillis()), "NX"))
        .map(ticket);
  }

  /** The caller the ticket was issued to; an unknown, used or expired ticket is a 401. */
  Future<Caller> redeem(String ticket) {
    if (ticket.isEmpty() || ticket.length() > 64) {
      return refused();
    }
    return redis.eval(List.of(TAKE, "1", KEY + digest(ticket))).compose(stored -> {
      if (stored == null) {
        return refused();
      }
      JsonObject holder = new JsonObject(stored.toString());
      return Future.succeededFuture(new Caller(holder.getString("userId"),
          UserRole.valueOf(holder.getString("role")), holder.getString("sessionId"), holder.getLong("tokenExpiresAt")));
    });
  }

  private static Future<Caller> refused() {
    return Failures.fail(ErrorCode.UNAUTHENTICATED, "This stream ticket is unknown, expired or already used.");
  }

  private static String digest(String ticket) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
