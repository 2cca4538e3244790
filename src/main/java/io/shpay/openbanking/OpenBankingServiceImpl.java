package io.shpay.openbanking;

import io.shpay.common.json.MovementQuery;
import io.shpay.common.ops.InFlightWork;
import io.vertx.core.Future;

import java.util.List;

/**
 * {@link OpenBankingService}, delegating to the part that owns each concern. Failures leave as
 * SH Pay problems: a bank that did not answer is {@code bank_unavailable}, never a bare exception
 * the event bus would turn into a 500.
 */
final class OpenBankingServiceImpl implements OpenBankingService {

  private final ConsentFlow consent;
  private final LinkedAccounts accounts;
  private final AccountReader reader;
  private final TransferDesk transfers;
  private final MoveDesk moves;
  private final InFlightWork inFlight;
  private final ConsentRevocation revocation;
  private final AccountSync sync;
  private final MyMovements myMovements;

  OpenBankingServiceImpl(ConsentFlow consent, LinkedAccounts accounts, AccountReader reader, TransferDesk transfers,
      MoveDesk moves, ConsentRevocation revocation, AccountSync sync, MyMovements myMovements,
      InFlightWork inFlight) {
    this.revocation = revocation;
    this.sync = sync;
    this.myMovements = myMovements;
    this.consent = consent;
    this.accounts = accounts;
    this.reader = reader;
    this.transfers = transfers;
    this.moves = moves;
    this.inFlight = inFlight;
  }

  @Override
  public Future<String> authorizeUrl(String userId, String browserDigest) {
    return translate(consent.authorizeUrl(userId, browserDigest));
  }

  @Override
  public Future<List<AccountView>> completeConsent(String code, String state, String browserDigest) {
    return translate(consent.complete(code, state, browserDigest));
  }

  @Override
  public Future<List<AccountView>> accounts(String userId) {
    return translate(accounts.ofUser(userId));
  }

  @Override
  public Future<AccountView> chooseMainAccount(String userId, String accountId) {
    return translate(accounts.chooseMain(userId, accountId));
  }

  @Override
  public Future<BalanceView> balance(String userId, String accountId, boolean fresh) {
    return translate(reader.balance(userId, accountId, fresh));
  }

  @Override
  public Future<BankMovementPage> movements(String userId, MovementQuery query) {
    return translate(myMovements.page(userId, query));
  }

  @Override
  public Future<AccountSyncResult> syncAccounts(String userId) {
    return translate(sync.sync(userId));
  }

  @Override
  public Future<Void> unlinkAccount(String userId, String accountId) {
    return translate(sync.unlink(userId, accountId));
  }

  @Override
  public Future<AccountBalances> balances(String userId) {
    return translate(reader.balances(userId));
  }

  @Override
  public Future<AccountView> renameAccount(String userId, String accountId, String alias) {
    return translate(accounts.rename(userId, accountId, alias));
  }

  @Override
  public Future<BankProfile> profile(String userId) {
    return translate(reader.profile(userId));
  }

  @Override
  public Future<TransactionPage> transactions(String userId, String accountId, TransactionQuery query) {
    return translate(reader.transactions(userId, accountId, query));
  }

  @Override
  public Future<TransferView> transfer(TransferRequest request) {
    return translate(inFlight.track(() -> transfers.transfer(request)));
  }

  @Override
  public Future<TransferView> transferOf(String userId, String transferId) {
    return translate(transfers.transferOf(userId, transferId));
  }

  @Override
  public Future<MoveView> move(MoveRequest request) {
    return translate(inFlight.track(() -> moves.create(request)));
  }

  @Override
  public Future<MoveView> moveOf(String userId, String moveId) {
    return translate(moves.moveOf(userId, moveId));
  }

  @Override
  public Future<Integer> advanceMoves() {
    return translate(inFlight.track(moves::advanceDue));
  }

  @Override
  public Future<TransferView> settleTransfer(String userId, String transferId) {
    return translate(inFlight.track(() -> transfers.settleOne(userId, transferId)));
  }

  @Override
  public Future<Boolean> voidUnrecordedTransfer(String userId, String transferId) {
    return translate(inFlight.track(() -> transfers.voidUnrecorded(transferId)));
  }

  @Override
  public Future<Boolean> hasOpenMovements(String userId) {
    return translate(revocation.hasOpenMovements(userId));
  }

  @Override
  public Future<Integer> revokeConsent(String userId) {
    return translate(revocation.revoke(userId));
  }

  @Override
  public Future<Void> forgetUser(String userId) {
    return translate(revocation.forget(userId));
  }

  @Override
  public Future<Integer> settleUnknownTransfers() {
    return translate(inFlight.track(transfers::settleUnknown));
  }

  private static <T> Future<T> translate(Future<T> result) {
    return result.recover(failure -> Future.failedFuture(
        failure instanceof BankUnreachable ? BankFailures.unreachable() : failure));
  }
}
