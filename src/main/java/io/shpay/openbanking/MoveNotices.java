package io.shpay.openbanking;

import io.shpay.notify.UserNotifications;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Tells the user's open screens each step of a move ({@code move.withdrawing}, {@code move.completed},
 * {@code move.returned}, ...), once per move and status. Like transfer notices it is a courtesy on
 * top of {@code GET /api/v1/transfers/{id}}: if Redis is away the notice is dropped and logged.
 */
final class MoveNotices {

  private static final Logger LOG = LoggerFactory.getLogger(MoveNotices.class);

  private final UserNotifications notifications;

  MoveNotices(UserNotifications notifications) {
    this.notifications = notifications;
  }

  void moved(Moves.Move move) {
    JsonObject data = new JsonObject()
        .put("id", move.id())
        .put("kind", "MOVE")
        .put("fromAccountId", move.fromAccountId())
        .put("toAccountId", move.toAccountId())
        .put("amount", move.amount())
        .put("currency", "KRW")
        .put("status", move.status());
    notifications.publish(move.userId(), "move:" + move.id() + ":" + move.status(),
            "move." + move.status().toLowerCase(Locale.ROOT), data)
        .onFailure(failure -> LOG.warn("Could not notify move {} ({})", move.id(), failure.toString()));
  }
}
