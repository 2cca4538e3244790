package io.shpay.api;

import io.shpay.notify.NotificationHub;
import io.shpay.notify.UserNotifications;
import io.shpay.user.SessionService;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One open event stream of one user. Live notifications come from the local
 * {@link NotificationHub}; missed ones (a {@code Last-Event-ID}, or the hub having lost Redis for a
 * moment) are read back from the user's Redis stream. Ids grow monotonically, so anything at or
 * below the last id sent is a duplicate and skipped: replay and live delivery never double up.
 *
 * <p>A stream lives no longer than what opened it: it ends (with a last {@code session-ended} event) when its access
 * token expires, and when its session is logged out or revoked, which it checks every
 * {@code notifications.streamSessionCheck}; each check also renews its slot in {@link StreamSlots}.
 */
final class NotificationStream {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationStream.class);
  /** Read back at most this many per catch-up; the user's stream keeps about as many anyway. */
  private static final int CATCH_UP_BATCH = 500;

  private final Vertx vertx;
  private final RedisAPI redis;
  private final HttpServerResponse response;
  private final String userId;
  private final Duration heartbeat;
  private final Caller caller;
  private final SessionService sessions;
  private final StreamSlots slots;
  private final StreamSlots.Slot slot;
  private final Duration sessionCheck;
  private long sessionTimer;
  private long expiryTimer;
  private final List<JsonObject> heldWhileCatchingUp = new ArrayList<>();
  private MessageConsumer<JsonObject> live;
  private MessageConsumer<Object> resync;
  private long heartbeatTimer;
  private StreamId lastSent;
  private boolean catchingUp;
  private boolean closed;

  NotificationStream(Vertx vertx, RedisAPI redis, HttpServerResponse response, Caller caller, Duration heartbeat,
      SessionService sessions, StreamSlots slots, StreamSlots.Slot slot, Duration sessionCheck) {
    this.vertx = vertx;
    this.redis = redis;
    this.response = response;
    this.caller = caller;
    this.userId = caller.userId();
    this.heartbeat = heartbeat;
    this.sessions = sessions;
    this.slots = slots;
    this.slot = slot;
    this.sessionCheck = sessionCheck;
  }

  void start(String lastEventId) {
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache, no-store")
        // Compression and proxy buffering would both hold events back until a buffer fills.
        .putHeader("Content-Encoding", "identity")
        .putHeader("X-Accel-Buffering", "no");
    response.closeHandler(closed -> close());
    response.exceptionHandler(failure -> close());
    // Without a Last-Event-ID the stream starts now; a later catch-up reads from this moment.
    lastSent = lastEventId != null ? StreamId.parse(lastEventId) : new StreamId(System.currentTimeMillis(), 0);

    // Listen first, then read back: an event landing in between is held, not lost.
    live = vertx.eventBus().localConsumer(NotificationHub.userAddress(userId), message -> onLive(message.body()));
    resync = vertx.eventBus().localConsumer(NotificationHub.RESYNC, message -> catchUp());
    long untilExpiry = caller.tokenExpiresAt() * 1000 - System.currentTimeMillis();
    expiryTimer = vertx.setTimer(Math.max(1, untilExpiry), id -> end("token_expired"));
    sessionTimer = vertx.setPeriodic(sessionCheck.toMillis(), id -> checkSession());
    live.completion().onComplete(registered -> {
      if (closed) {
        return;
      }
      write(": connected\nretry: 3000\n\n");
      heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> write(": keep-alive\n\n"));
      if (lastEventId != null) {
        catchUp();
      }
    });
  }

  private void checkSession() {
    if (closed) {
      return;
    }
    sessions.isActive(caller.sessionId()).onComplete(active -> {
      if (active.succeeded() && !active.result()) {
        end("session_ended");
      } else {
        slots.renew(slot);
      }
    });
  }

  /** Tells the client why, then ends the response: it must sign in (or refresh) before it reconnects. */
  private void end(String reason) {
    if (closed) {
      return;
    }
    write("event: session-ended\ndata: {\"reason\":\"" + reason + "\"}\n\n");
    if (!response.ended() && !response.closed()) {
      response.end();
    }
    close();
  }

  private void onLive(JsonObject notification) {
    if (catchingUp) {
      heldWhileCatchingUp.add(notification);
    } else {
      send(notification.getString("id"), notification.getString("event"), notification.getString("data"));
    }
  }

  private void catchUp() {
    if (closed || catchingUp) {
      return;
    }
    catchingUp = true;
    redis.xrange(List.of(UserNotifications.streamKey(userId), lastSent.toString(), "+", "COUNT",
            Integer.toString(CATCH_UP_BATCH)))
        .onComplete(read -> {
          if (read.succeeded() && read.result() != null) {
            for (Response entry : read.result()) {
              Response fields = entry.get(1);
              send(entry.get(0).toString(), field(fields, "event"), field(fields, "data"));
            }
          } else if (read.failed()) {
            LOG.warn("Could not read back missed notifications ({}); the stream continues live", read.cause().toString());
          }
          catchingUp = false;
          List<JsonObject> held = List.copyOf(heldWhileCatchingUp);
          heldWhileCatchingUp.clear();
          held.forEach(this::onLive);
        });
  }

  private void send(String id, String event, String data) {
    StreamId streamId = StreamId.parse(id);
    if (streamId.compareTo(lastSent) <= 0 || event == null || data == null) {
      return;
    }
    lastSent = streamId;
    write("id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n");
  }

  private void write(String frame) {
    if (closed) {
      return;
    }
    if (response.writeQueueFull()) {
      // A client this far behind reconnects with Last-Event-ID and catches up from Redis instead
      // of this process buffering for it without bound.
      LOG.info("Closing a notification stream whose client does not keep up");
      response.reset();
      close();
      return;
    }
    response.write(frame);
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(heartbeatTimer);
    vertx.cancelTimer(sessionTimer);
    vertx.cancelTimer(expiryTimer);
    slots.release(slot);
    live.unregister();
    resync.unregister();
  }

  private static String field(Response fields, String name) {
    // XRANGE returns each entry's fields as a flat [name, value, name, value] array.
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (name.equals(fields.get(i).toString())) {
        return fields.get(i + 1).toString();
      }
    }
    return null;
  }

  /** A Redis stream id, ordered as Redis orders them. */
  record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    static StreamId parse(String text) {
      int dash = text.indexOf('-');
      return new StreamId(Long.parseUnsignedLong(text.substring(0, dash)), Long.parseUnsignedLong(text.substring(dash + 1)));
    }

    @Override
    public int compareTo(StreamId other) {
      int byMillis = Long.compareUnsigned(millis, other.millis);
      return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
    }

    @Override
    public String toString() {
      return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }
  }
}
