package io.shpay.openbanking;

import io.shpay.common.db.SqlTime;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

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
  private static final String SELECT_RENEWING = """
      SELECT user_seq_no, access_token_sealed, expires_at, consent_required, renewing_until
      FROM bank_links WHERE user_id = ?""";
  private static final String CLAIM_RENEWAL = """
      UPDATE bank_links SET renewing_until = ?
      WHERE user_id = ? AND (renewing_until IS NULL OR renewing_until < ?)""";
  private static final String RELEASE_RENEWAL = "UPDATE bank_links SET renewing_until = NULL WHERE user_id = ?";
  private static final String UPDATE_TOKENS = """
      UPDATE bank_links SET access_token_sealed = ?, refresh_token_sealed = ?, expires_at = ?, updated_at = ?,
        renewing_until = NULL
      WHERE user_id = ?""";
  private static final String REQUIRE_CONSENT =
      "UPDATE bank_links SET consent_required = TRUE, updated_at = ?, renewing_until = NULL WHERE user_id = ?";
  /** How often a request that found another one renewing looks whether it has finished. */
  private static final long RENEWAL_POLL_MILLIS = 50;

  private static final String USER_SEQ_NO = "SELECT user_seq_no FROM bank_links WHERE user_id = ?";
  /** The tokens are destroyed with the row: nothing sealed is left to open. */
  private static final String DELETE = "DELETE FROM bank_links WHERE user_id = ?";

  /** What a data call needs: the bearer token and the KFTC user number. */
  record UserAccess(String accessToken, String userSeqNo) {}

  private final Vertx vertx;
  private final Pool pool;
  private final KftcClient kftc;
  private final TokenSeal seal;
  private final Duration refreshMargin;
  private final Duration renewalLease;
  private final Clock clock;

  /** {@code renewalLease}: how long a renewal claim holds; longer than a KFTC call may take. */
  BankLinks(Vertx vertx, Pool pool, KftcClient kftc, TokenSeal seal, Duration refreshMargin, Duration renewalLease,
      Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.kftc = kftc;
    this.seal = seal;
    this.refreshMargin = refreshMargin;
    this.renewalLease = renewalLease;
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

  /** The user's KFTC user number, when a link exists (even one whose consent lapsed). */
  Future<java.util.Optional<String>> userSeqNo(String userId) {
    return pool.preparedQuery(USER_SEQ_NO).execute(Tuple.of(userId)).map(rows -> rows.iterator().hasNext()
        ? java.util.Optional.of(rows.iterator().next().getString("user_seq_no"))
        : java.util.Optional.empty());
  }

  /** Destroys the link and its sealed tokens. */
  Future<Void> delete(String userId) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(userId)).mapEmpty();
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
   * Renews the user's token, one request at a time, so two requests never spend the same refresh token (KFTC
   * invalidates it on first use). The one that claims the row's renewal lease (a conditional UPDATE, committed at
   * once) asks KFTC with no lock or connection held; the others wait for it to finish and use what it stored.
   * {@code force} renews even if the stored token still looks valid (KFTC refused it).
   */
  Future<UserAccess> renew(String userId, boolean force) {
    Instant now = clock.instant();
    return pool.preparedQuery(CLAIM_RENEWAL)
        .execute(Tuple.of(SqlTime.utc(now.plus(renewalLease)), userId, SqlTime.utc(now)))
        .compose(claimed -> claimed.rowCount() == 1 ? renewClaimed(userId, force)
            : vertx.timer(RENEWAL_POLL_MILLIS).compose(tick -> afterOtherRenewal(userId, force, now.plus(renewalLease))));
  }

  /**
   * The token KFTC refused was renewed and the renewed one refused as well: the link needs a new
   * consent. Marks it so and fails with {@code consent_required} instead of renewing again.
   */
  <T> Future<T> refusedAfterRenewal(String userId, KftcReply refusal) {
    return markConsentRequired(userId, refusal).compose(marked -> BankLinks.<T>consentRequired());
  }

  private Future<UserAccess> renewClaimed(String userId, boolean force) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(userId)).compose(rows -> {
      Row row = rows.iterator().next();
      if (row.getBoolean("consent_required")) {
        return release(userId).compose(ignored -> BankLinks.<UserAccess>consentRequired());
      }
      String userSeqNo = row.getString("user_seq_no");
      if (!force && expiresAt(row).isAfter(clock.instant().plus(refreshMargin))) {
        UserAccess stored = new UserAccess(open(row, "access_token_sealed", userId), userSeqNo);
        return release(userId).map(stored);
      }
      return kftc.refresh(open(row, "refresh_token_sealed", userId))
          .recover(failure -> release(userId).compose(ignored -> Future.failedFuture(failure)))
          .compose(reply -> reply.grantedAccessToken() == null
              ? markConsentRequired(userId, reply).compose(ignored -> BankLinks.<UserAccess>consentRequired())
              : store(userId, reply).map(new UserAccess(reply.grantedAccessToken(), userSeqNo)));
    });
  }

  /** Another request holds the renewal: wait until it stored a token (or gave up, or its lease lapsed). */
  private Future<UserAccess> afterOtherRenewal(String userId, boolean force, Instant giveUpAt) {
    return pool.preparedQuery(SELECT_RENEWING).execute(Tuple.of(userId)).compose(rows -> {
      Row row = rows.iterator().next();
      if (row.getBoolean("consent_required")) {
        return BankLinks.<UserAccess>consentRequired();
      }
      boolean stillRenewing = row.getLocalDateTime("renewing_until") != null
          && row.getLocalDateTime("renewing_until").toInstant(ZoneOffset.UTC).isAfter(clock.instant());
      if (!stillRenewing) {
        // The other renewal finished: its token is fresh, even when this request wanted to force one.
        return expiresAt(row).isAfter(clock.instant().plus(refreshMargin))
            ? Future.succeededFuture(new UserAccess(open(row, "access_token_sealed", userId), row.getString("user_seq_no")))
            : renew(userId, force);
      }
      if (clock.instant().isAfter(giveUpAt)) {
        return renew(userId, force);
      }
      return vertx.timer(RENEWAL_POLL_MILLIS).compose(tick -> afterOtherRenewal(userId, force, giveUpAt));
    });
  }

  private Future<Void> release(String userId) {
    return pool.preparedQuery(RELEASE_RENEWAL).execute(Tuple.of(userId)).mapEmpty();
  }

  private Future<Void> store(String userId, KftcReply grant) {
    Instant now = clock.instant();
    var body = grant.body();
    return pool.preparedQuery(UPDATE_TOKENS).execute(Tuple.of(
            Buffer.buffer(seal.seal(body.getString("access_token"), userId)),
            Buffer.buffer(seal.seal(body.getString("refresh_token"), userId)),
            SqlTime.utc(now.plusSeconds(body.getLong("expires_in", 0L))), SqlTime.utc(now), userId))
        .mapEmpty();
  }

  private Future<Void> markConsentRequired(String userId, KftcReply refusal) {
    LOG.info("KFTC refused to renew the token of user {} ({}); consent required", userId, refusal.rspCode());
    return pool.preparedQuery(REQUIRE_CONSENT).execute(Tuple.of(SqlTime.utc(clock.instant()), userId)).mapEmpty();
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
