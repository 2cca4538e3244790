package io.shpay.webhook;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.db.SqlTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code webhook_deliveries} and {@code webhook_attempts} tables: one delivery per merchant and
 * event, and every attempt at it. Due deliveries are leased (their next attempt pushed past the
 * attempt's timeout) under {@code FOR UPDATE SKIP LOCKED}, so replicas never send the same one at once.
 */
final class WebhookDeliveries {

  record Due(String id, String merchantId, String eventId, String eventType, String payload, int attempts,
             Instant giveUpAt) {}

  private static final String INSERT = """
      INSERT INTO webhook_deliveries (id, merchant_id, event_id, event_type, payment_id, payload, status, attempts,
        next_attempt_at, give_up_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""";
  private static final String DUE = """
      SELECT * FROM webhook_deliveries WHERE status = 'PENDING' AND next_attempt_at <= ?
      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""";
  private static final String LEASE = "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?";
  private static final String ATTEMPT = """
      INSERT INTO webhook_attempts (delivery_id, attempt, url, status_code, error, duration_ms, attempted_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";
  private static final String DELIVERED = """
      UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = ?, last_status_code = ?, last_error = NULL,
        next_attempt_at = NULL, delivered_at = ? WHERE id = ?""";
  private static final String RETRY = """
      UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status_code = ?, last_error = ?,
        next_attempt_at = ? WHERE id = ?""";
  private static final String RESEND = """
      UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = ?, give_up_at = ?
      WHERE id = ? AND merchant_id = ? AND status <> 'PENDING'""";
  private static final String BY_ID = "SELECT * FROM webhook_deliveries WHERE id = ? AND merchant_id = ?";
  private static final String ATTEMPTS = "SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt";
  private static final String RECENT = """
      SELECT * FROM webhook_deliveries WHERE merchant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""";
  private static final String RECENT_WITH_STATUS = """
      SELECT * FROM webhook_deliveries WHERE merchant_id = ? AND status = ? ORDER BY created_at DESC, id DESC LIMIT ?""";

  private final Pool pool;
  private final Clock clock;

  WebhookDeliveries(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Queues the event for the merchant once; a second call for the same event changes nothing. */
  Future<Void> enqueue(String merchantId, String eventId, String eventType, String paymentId, String payload,
      Duration giveUpAfter) {
    Instant now = clock.instant();
    return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {UUID.randomUUID().toString(), merchantId,
            eventId, eventType, paymentId, payload, SqlTime.utc(now), SqlTime.utc(now.plus(giveUpAfter)),
            SqlTime.utc(now)}))
        .<Void>mapEmpty()
        .recover(failure -> SqlErrors.isDuplicateKey(failure) ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /** Takes up to {@code limit} due deliveries and leases them until {@code leaseUntil}. */
  Future<List<Due>> lease(int limit, Instant leaseUntil) {
    return pool.withTransaction(connection -> connection.preparedQuery(DUE)
        .execute(Tuple.of(SqlTime.utc(clock.instant()), limit))
        .compose(rows -> {
          List<Due> due = new ArrayList<>();
          List<Tuple> leases = new ArrayList<>();
          for (Row row : rows) {
            due.add(new Due(row.getString("id"), row.getString("merchant_id"), row.getString("event_id"),
                row.getString("event_type"), row.getString("payload"), row.getInteger("attempts"),
                instant(row, "give_up_at")));
            leases.add(Tuple.of(SqlTime.utc(leaseUntil), row.getString("id")));
          }
          return leases.isEmpty() ? Future.succeededFuture(due)
              : connection.preparedQuery(LEASE).executeBatch(leases).map(due);
        }));
  }

  /** Records one attempt and what follows it: delivered, another attempt at {@code retryAt}, or FAILED when null. */
  Future<Void> recordAttempt(Due delivery, String url, Integer statusCode, String error, long durationMs,
      Instant retryAt) {
    int attempt = delivery.attempts() + 1;
    Instant now = clock.instant();
    String shortError = error == null || error.length() <= 300 ? error : error.substring(0, 300);
    return pool.withTransaction(connection -> connection.preparedQuery(ATTEMPT)
        .execute(Tuple.from(new Object[] {delivery.id(), attempt, url, statusCode, shortError, (int) durationMs,
            SqlTime.utc(now)}))
        .compose(recorded -> {
          if (error == null) {
            return connection.preparedQuery(DELIVERED)
                .execute(Tuple.of(attempt, statusCode, SqlTime.utc(now), delivery.id()));
          }
          return connection.preparedQuery(RETRY).execute(Tuple.from(new Object[] {
              retryAt == null ? "FAILED" : "PENDING", attempt, statusCode, shortError,
              retryAt == null ? null : SqlTime.utc(retryAt), delivery.id()}));
        })
        .mapEmpty());
  }

  /** Queues a finished delivery again (delivered or failed); a delivery still pending stays as it is. */
  Future<Boolean> resend(String merchantId, String deliveryId, Duration giveUpAfter) {
    Instant now = clock.instant();
    return pool.preparedQuery(RESEND)
        .execute(Tuple.of(SqlTime.utc(now), SqlTime.utc(now.plus(giveUpAfter)), deliveryId, merchantId))
        .map(rows -> rows.rowCount() > 0);
  }

  Future<Optional<WebhookDelivery>> find(String merchantId, String deliveryId) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(deliveryId, merchantId)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.succeededFuture(Optional.empty());
      }
      Row found = rows.iterator().next();
      WebhookDelivery delivery = delivery(found);
      return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(deliveryId)).map(attempts -> {
        List<WebhookAttempt> log = new ArrayList<>();
        attempts.forEach(row -> log.add(new WebhookAttempt(row.getInteger("attempt"), row.getString("url"),
            row.getInteger("status_code"), row.getString("error"), row.getInteger("duration_ms"),
            instant(row, "attempted_at"))));
        return Optional.of(delivery.withDetail(found.getString("payload"), log));
      });
    });
  }

  Future<List<WebhookDelivery>> recent(String merchantId, WebhookDelivery.Status status, int limit) {
    var query = status == null
        ? pool.preparedQuery(RECENT).execute(Tuple.of(merchantId, limit))
        : pool.preparedQuery(RECENT_WITH_STATUS).execute(Tuple.of(merchantId, status.name(), limit));
    return query.map(rows -> {
      List<WebhookDelivery> list = new ArrayList<>();
      rows.forEach(row -> list.add(delivery(row)));
      return list;
    });
  }

  private static WebhookDelivery delivery(Row row) {
    return new WebhookDelivery(row.getString("id"), row.getString("event_id"), row.getString("event_type"),
        row.getString("payment_id"), WebhookDelivery.Status.valueOf(row.getString("status")),
        row.getInteger("attempts"), row.getInteger("last_status_code"), row.getString("last_error"),
        instant(row, "next_attempt_at"), instant(row, "created_at"), instant(row, "delivered_at"), null, null);
  }

  private static Instant instant(Row row, String column) {
    return row.getLocalDateTime(column) == null ? null : row.getLocalDateTime(column).toInstant(ZoneOffset.UTC);
  }
}
