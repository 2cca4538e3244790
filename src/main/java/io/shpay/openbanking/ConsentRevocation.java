package io.shpay.openbanking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ending a user's KFTC consent: KFTC's {@code user/close} (with SH Pay's oob token) makes the bank forget the user's
 * tokens for SH Pay, then the link and its sealed tokens are deleted and every account unlinked. A new consent
 * links the accounts again. Refused while money of the user is still moving (a transfer not settled, a move under
 * way): its legs need the link until the bank has settled them.
 */
final class ConsentRevocation {

  private static final Logger LOG = LoggerFactory.getLogger(ConsentRevocation.class);
  static final String USER_CLOSE = "/v2.0/user/close";

  private static final String OPEN_MOVEMENTS = """
      SELECT (SELECT COUNT(*) FROM transfers WHERE user_id = ? AND status IN ('REQUESTED', 'UNKNOWN'))
           + (SELECT COUNT(*) FROM account_moves WHERE user_id = ?
                AND status IN ('REQUESTED', 'WITHDRAWING', 'DEPOSITING', 'RETURNING')) AS open_count""";

  private final Pool pool;
  private final BankLinks links;
  private final LinkedAccounts accounts;
  private final KftcClient kftc;
  private final OobToken oob;

  ConsentRevocation(Pool pool, BankLinks links, LinkedAccounts accounts, KftcClient kftc, OobToken oob) {
    this.pool = pool;
    this.links = links;
    this.accounts = accounts;
    this.kftc = kftc;
    this.oob = oob;
  }

  /** Whether a transfer or move of the user is not settled yet. */
  Future<Boolean> hasOpenMovements(String userId) {
    return pool.preparedQuery(OPEN_MOVEMENTS).execute(Tuple.of(userId, userId))
        .map(rows -> rows.iterator().next().getLong("open_count") > 0);
  }

  /**
   * Revokes the consent: how many accounts were unlinked. Without a link it only unlinks (nothing to tell KFTC).
   * When KFTC does not answer, nothing changes here ({@code bank_unavailable}) and the user may try again.
   */
  Future<Integer> revoke(String userId) {
    return links.userSeqNo(userId).compose(userSeqNo -> userSeqNo.isEmpty() ? Future.<Void>succeededFuture()
            : oob.call(grant -> kftc.post(USER_CLOSE, grant.accessToken(), new JsonObject()
                    .put("client_use_code", grant.clientUseCode()).put("user_seq_no", userSeqNo.get())))
                .compose(reply -> reply.ok() ? links.delete(userId) : Future.failedFuture(BankFailures.of(reply))))
        .compose(deleted -> accounts.unlinkAll(userId))
        .onSuccess(unlinked -> LOG.info("KFTC consent of user {} revoked; {} accounts unlinked", userId, unlinked));
  }

  /** The SH Pay account closes: the consent ends and the accounts' names and aliases are forgotten. */
  Future<Void> forget(String userId) {
    return revoke(userId).compose(revoked -> accounts.eraseNames(userId));
  }
}
