package io.shpay.openbanking;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A user's KFTC link ({@code bank_links}): stores the sealed 3-legged tokens and hands out a
 * usable access token, renewing it with the refresh token before it expires. When KFTC refuses
 * the renewal, the link is marked and every call answers {@code consent_required} until the user
 * consents again.
 */
final class BankLinks {

  private static final Logger LOG = LoggerFactory.getLogger(BankLinks.class);

  private static final String UPSERT = """
      INSERT INTO bank_links (user_id, user_seq_no, access_token_sealed, refresh_token_sealed, scope, expires_at,
                              consent_required, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, ?)
      ON DUPLICATE KEY UPDATE user_seq_no = VALUES(user_seq_no), access_token_sealed = VALUES(access_token_sealed),
        refresh_token_sealed = VALUES(refresh_token_sealed), scope = VALUES(scope), expires_at = VALUES(expires_at),
        consent_required = FALSE, updated_at = VALUES(updated_at)""";
  private static final String SELECT = """
      SELECT user_seq_no, access_token_sealed, refresh_token_sealed, expires_at, consent_required
      FROM bank_links WHERE user_id = ?""";
  private static final String LOCK = SELECT + " FOR UPDATE";
  private static final String UPDATE_TOKENS = """
      UPDATE bank_links SET access_token_sealed = ?, refresh_token_sealed = ?, expires_at = ?, updated_at = ?
      WHERE user_id = ?""";
  private static final String REQUIRE_CONSENT =
      "UPDATE bank_links SET consent_required = TRUE, updated_at = ? WHERE user_id = ?";

  /** What a data call needs: the bearer token and the KFTC user number. */
  record UserAccess(String accessToken, String userSeqNo) {}

  private final Pool pool;
  private final KftcClient kftc;
  private final TokenSeal seal;
  private final Duration refreshMargin;
  private final Clock clock;

  BankLinks(Pool pool, KftcClient kftc, TokenSeal seal, Duration refreshMargin, Clock clock) {
    this.pool = pool;
    this.kftc = kftc;
    this.seal = seal;
    this.refreshMargin = refreshMargin;
    this.clock = clock;
  }

  /** Stores the tokens of a successful consent (replacing any earlier link). */
  Future<Void> save(String userId, KftcReply grant) {
    Instant now = clock.instant();
    var body = grant.body();
    return pool.preparedQuery(UPSERT).execute(Tuple.from(new Object[] {
        userId, body.getString("user_seq_no"),
        Buffer.buffer(seal.seal(body.getString("access_token"), userId)),
        Buffer.buffer(seal.seal(body.getString("refresh_token"), userId)),
        body.getString("scope", ""), SqlTime.utc(now.plusSeconds(body.getLong("expires_in", 0L))), SqlTime.utc(now), SqlTime.utc(now)}))
        .mapEmpty();
  }

  /** A token valid beyond the refresh margin, renewed first when needed. */
  Future<UserAccess> access(String userId) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(userId)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Failures.fail(ErrorCode.CONSENT_REQUIRED, "No bank is linked yet; start with GET /api/v1/openbanking/authorize.");
      }
      Row row = rows.iterator().next();
      if (row.getBoolean("consent_required")) {
        return BankLinks.<UserAccess>consentRequired();
      }
      if (expiresAt(row).isAfter(clock.instant().plus(refreshMargin))) {
        return Future.succeededFuture(new UserAccess(open(row, "access_token_sealed", userId), row.getString("user_seq_no")));
      }
      return renew(userId, false);
    });
  }

  /**
   * Renews the user's token under a row lock, so two requests never spend the same refresh
   * token (KFTC invalidates it on first use). {@code force} renews even if another request just did.
   */
  Future<UserAccess> renew(String userId, boolean force) {
    // An empty result means "consent required"; it is turned into the failure only after the
    // transaction committed, so the mark on the link is not rolled back with it.
    return pool.<Optional<UserAccess>>withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(userId))
            .compose(rows -> {
              Row row = rows.iterator().next();
              if (row.getBoolean("consent_required")) {
                return Future.succeededFuture(Optional.empty());
              }
              String userSeqNo = row.getString("user_seq_no");
              if (!force && expiresAt(row).isAfter(clock.instant().plus(refreshMargin))) {
                return Future.succeededFuture(Optional.of(new UserAccess(open(row, "access_token_sealed", userId), userSeqNo)));
              }
              return kftc.refresh(open(row, "refresh_token_sealed", userId)).compose(reply -> reply.grantedAccessToken() == null
                  ? markConsentRequired(connection, userId, reply).map(Optional.<UserAccess>empty())
                  : store(connection, userId, reply).map(Optional.of(new UserAccess(reply.grantedAccessToken(), userSeqNo))));
            }))
        .compose(access -> access.map(Future::succeededFuture).orElseGet(BankLinks::consentRequired));
  }

  /**
   * The token KFTC refused was renewed and the renewed one refused as well: the link needs a new
   * consent. Marks it so and fails with {@code consent_required} instead of renewing again.
   */
  <T> Future<T> refusedAfterRenewal(String userId, KftcReply refusal) {
    return pool.withTransaction(connection -> markConsentRequired(connection, userId, refusal))
        .compose(marked -> BankLinks.<T>consentRequired());
  }

  private Future<Void> store(SqlConnection connection, String userId, KftcReply grant) {
    Instant now = clock.instant();
    var body = grant.body();
    return connection.preparedQuery(UPDATE_TOKENS).execute(Tuple.of(
            Buffer.buffer(seal.seal(body.getString("access_token"), userId)),
            Buffer.buffer(seal.seal(body.getString("refresh_token"), userId)),
            SqlTime.utc(now.plusSeconds(body.getLong("expires_in", 0L))), SqlTime.utc(now), userId))
        .mapEmpty();
  }

  private Future<Void> markConsentRequired(SqlConnection connection, String userId, KftcReply refusal) {
    LOG.info("KFTC refused to renew the token of user {} ({}); consent required", userId, refusal.rspCode());
    return connection.preparedQuery(REQUIRE_CONSENT).execute(Tuple.of(SqlTime.utc(clock.instant()), userId)).mapEmpty();
  }

  private static <T> Future<T> consentRequired() {
    return Failures.fail(ErrorCode.CONSENT_REQUIRED,
        "The bank no longer accepts SH Pay's access to your accounts; link them again.");
  }

  private String open(Row row, String column, String userId) {
    return seal.open(row.getBuffer(column).getBytes(), userId);
  }

  private static Instant expiresAt(Row row) {
    return row.getLocalDateTime("expires_at").toInstant(ZoneOffset.UTC);
  }

}
