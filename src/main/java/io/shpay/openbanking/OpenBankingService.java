package io.shpay.openbanking;

import io.shpay.common.json.MovementQuery;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Open banking through KFTC, served by {@link OpenBankingVerticle}. Every method that takes a
 * {@code userId} acts for that user only: an account id of another user is {@code not_found},
 * exactly like one that does not exist.
 *
 * <p>Failures: {@code consent_required} (link again), {@code invalid_consent_state},
 * {@code insufficient_funds}, {@code bank_rejected}, {@code bank_unavailable}, {@code bank_error},
 * {@code not_found}.
 */
@ProxyGen
@VertxGen
public interface OpenBankingService {

  String ADDRESS = "shpay.openbanking";

  static OpenBankingService proxy(Vertx vertx) {
    return new OpenBankingServiceVertxEBProxy(vertx, ADDRESS);
  }

  /**
   * A proxy that waits {@code sendTimeoutMillis} for each answer: callers that move money pass
   * {@link io.shpay.common.config.BusTimeouts#openBanking}, longer than the slowest bank call chain,
   * so a bus timeout never hides an answer the bank is still giving.
   */
  static OpenBankingService proxyWaitingUpTo(Vertx vertx, long sendTimeoutMillis) {
    return new OpenBankingServiceVertxEBProxy(vertx, ADDRESS,
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(sendTimeoutMillis));
  }

  /**
   * KFTC's consent page URL with a one-time {@code state} bound to this user and to the browser
   * holding the nonce whose SHA-256 (Base64url) is {@code browserDigest}.
   */
  Future<String> authorizeUrl(String userId, String browserDigest);

  /**
   * The consent callback: spends {@code state}, checks the browser's nonce digest against the one the
   * state was issued with ({@code consent_other_browser} otherwise), stores the tokens, links the accounts.
   */
  Future<List<AccountView>> completeConsent(String code, String state, String browserDigest);

  Future<List<AccountView>> accounts(String userId);

  Future<AccountView> chooseMainAccount(String userId, String accountId);

  /** From the cache at once (refreshing in the background when stale), or from the bank when {@code fresh}. */
  Future<BalanceView> balance(String userId, String accountId, boolean fresh);

  /**
   * Every linked account's balance at once from the cache (accounts with nothing cached asked of their banks a few at
   * a time); an account whose bank did not answer carries the failure instead of a balance.
   */
  Future<AccountBalances> balances(String userId);

  /**
   * Reads KFTC's {@code account/list} again: new accounts appear, accounts the bank no longer lists are marked
   * CLOSED and leave the list; accounts the person does not hold are left out.
   */
  Future<AccountSyncResult> syncAccounts(String userId);

  /**
   * Unlinks one account: KFTC's {@code account/cancel}, then it leaves the list (its transfers stay readable);
   * {@code movements_in_progress} while a transfer or move of it is not settled.
   */
  Future<Void> unlinkAccount(String userId, String accountId);

  /**
   * The user's moves (with their legs) and withdrawals, each newest first and at most {@code query.limit()} of each;
   * the caller merges the page ({@link io.shpay.common.json.MovementPage}).
   */
  Future<BankMovementPage> movements(String userId, MovementQuery query);

  /** Names a linked account; {@code alias} null shows the bank's alias again. */
  Future<AccountView> renameAccount(String userId, String accountId, String alias);

  /** The user's KFTC profile from {@code user/me}. */
  Future<BankProfile> profile(String userId);

  /** One page of the account's transactions, newest first. */
  Future<TransactionPage> transactions(String userId, String accountId, TransactionQuery query);

  /**
   * A withdrawal (to SH Pay's contract account) or a deposit (from it). A deposit must name the
   * claim it pays (a refund, a payout, a move's leg) and pays each claim at most once; there is no
   * deposit without one.
   */
  Future<TransferView> transfer(TransferRequest request);

  /** Moves money between two of the user's own linked accounts; the same idempotency key is always the same move. */
  Future<MoveView> move(MoveRequest request);

  /** One of the user's moves; another user's is {@code not_found}, exactly like a missing one. */
  Future<MoveView> moveOf(String userId, String moveId);

  /** Takes open moves whose leg has settled (or was never sent) a step further; returns how many finished. */
  Future<Integer> advanceMoves();

  /** One of the user's transfers, to follow an UNKNOWN one until it is settled. */
  Future<TransferView> transferOf(String userId, String transferId);

  /**
   * One of the user's transfers after asking KFTC about it now when its outcome is still open
   * (never sending it again): how a payment or refund learns what became of the transfer it
   * asked for. {@code not_found} when open banking has no transfer with this id (yet).
   */
  Future<TransferView> settleTransfer(String userId, String transferId);

  /**
   * Voids a transfer id that a payment or refund chose but open banking has no transfer for, so that
   * none can ever be sent under it: true when voided (the movement failed, nothing moved), false when a
   * transfer with this id was recorded after all (follow it with {@link #settleTransfer}).
   */
  Future<Boolean> voidUnrecordedTransfer(String userId, String transferId);

  /** Whether a transfer or move of the user is not settled yet (their consent cannot end before it is). */
  Future<Boolean> hasOpenMovements(String userId);

  /**
   * Ends the user's KFTC consent: KFTC forgets SH Pay's tokens for them ({@code user/close}), SH Pay destroys its
   * copies and unlinks every account; a new consent links them again. Answers how many accounts were unlinked.
   */
  Future<Integer> revokeConsent(String userId);

  /** As {@link #revokeConsent}, then the accounts' holder names and aliases are erased: the user closes their account. */
  Future<Void> forgetUser(String userId);

  /** Asks KFTC for the result of transfers whose outcome is unknown; never sends one again. */
  Future<Integer> settleUnknownTransfers();
}
