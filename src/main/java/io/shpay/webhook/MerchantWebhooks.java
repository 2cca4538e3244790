package io.shpay.webhook;

import io.shpay.common.db.PaddedInList;
import io.shpay.common.db.SqlErrors;
import io.shpay.common.db.SqlTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code merchant_webhooks} table: each merchant's endpoint URL and signing-secret version. */
final class MerchantWebhooks {

  record Endpoint(String merchantId, String url, int secretVersion, String updatedAt) {}

  /** A saved endpoint, and whether saving created it (only then is its signing secret new, and shown). */
  record Saved(Endpoint endpoint, boolean created) {}

  private static final String INSERT = """
      INSERT INTO merchant_webhooks (merchant_id, url, secret_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)""";
  private static final String UPDATE_URL = "UPDATE merchant_webhooks SET url = ?, updated_at = ? WHERE merchant_id = ?";
  private static final String ROTATE = """
      UPDATE merchant_webhooks SET secret_version = secret_version + 1, updated_at = ? WHERE merchant_id = ?""";
  private static final String DELETE = "DELETE FROM merchant_webhooks WHERE merchant_id = ?";
  private static final String BY_MERCHANT = "SELECT * FROM merchant_webhooks WHERE merchant_id = ?";
  /** The endpoints of several merchants in one statement (a {@link PaddedInList}). */
  private static final String OF_MERCHANTS = "SELECT * FROM merchant_webhooks WHERE merchant_id IN (%s)";

  private final Pool pool;
  private final Clock clock;

  MerchantWebhooks(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** Inserts first, so that of two concurrent first registrations exactly one is told it created the endpoint. */
  Future<Saved> save(String merchantId, String url) {
    var now = SqlTime.utc(clock.instant());
    Future<Boolean> created = pool.preparedQuery(INSERT).execute(Tuple.of(merchantId, url, now, now)).map(true)
        .recover(failure -> SqlErrors.isDuplicateKey(failure)
            ? pool.preparedQuery(UPDATE_URL).execute(Tuple.of(url, now, merchantId)).map(false)
            : Future.failedFuture(failure));
    return created.compose(isNew -> find(merchantId).map(found -> new Saved(found.orElseThrow(), isNew)));
  }

  Future<Optional<Endpoint>> rotateSecret(String merchantId) {
    return pool.preparedQuery(ROTATE).execute(Tuple.of(SqlTime.utc(clock.instant()), merchantId))
        .compose(rotated -> find(merchantId));
  }

  Future<Boolean> delete(String merchantId) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(merchantId)).map(rows -> rows.rowCount() > 0);
  }

  Future<Optional<Endpoint>> find(String merchantId) {
    return pool.preparedQuery(BY_MERCHANT).execute(Tuple.of(merchantId)).map(rows -> {
      var found = rows.iterator();
      return found.hasNext() ? Optional.of(endpoint(found.next())) : Optional.empty();
    });
  }

  /** The endpoints of those of {@code merchantIds} that have one, by merchant id; one statement. */
  Future<Map<String, Endpoint>> findAll(Set<String> merchantIds) {
    if (merchantIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<String> ids = List.copyOf(merchantIds);
    return pool.preparedQuery(OF_MERCHANTS.formatted(PaddedInList.placeholders(ids.size())))
        .execute(PaddedInList.addTo(Tuple.tuple(), ids)).map(rows -> {
      Map<String, Endpoint> found = new HashMap<>();
      rows.forEach(row -> found.put(row.getString("merchant_id"), endpoint(row)));
      return found;
    });
  }

  private static Endpoint endpoint(Row row) {
    return new Endpoint(row.getString("merchant_id"), row.getString("url"), row.getInteger("secret_version"),
        SqlTime.utcText(row.getLocalDateTime("updated_at")));
  }
}
