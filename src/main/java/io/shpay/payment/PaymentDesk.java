package io.shpay.payment;

import io.shpay.common.db.ImplicitTransactions;
import io.shpay.common.db.SqlErrors;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.ids.DailyUniqueIds;
import io.shpay.openbanking.AccountView;
import io.shpay.openbanking.OpenBankingService;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Pays a checkout. The checkout row is locked while the payment is recorded and the checkout
 * marked PROCESSING, so of any number of concurrent attempts exactly one reaches the bank; the
 * others are told the checkout is not payable. The bank-side id is fixed on the payment before
 * the bank is asked.
 */
final class PaymentDesk {

  private final Pool pool;
  private final ImplicitTransactions transactions;
  private final Checkouts checkouts;
  private final PaymentRecords records;
  private final FinAccounts finAccounts;
  private final OpenBankingService openBanking;
  private final IsTunos isTunos;
  private final Rails rails;
  private final Settlement settlement;
  private final Clock clock;

  PaymentDesk(Pool pool, ImplicitTransactions transactions, Checkouts checkouts, PaymentRecords records,
      FinAccounts finAccounts, OpenBankingService openBanking, IsTunos isTunos, Rails rails, Settlement settlement,
      Clock clock) {
    this.pool = pool;
    this.transactions = transactions;
    this.checkouts = checkouts;
    this.records = records;
    this.finAccounts = finAccounts;
    this.openBanking = openBanking;
    this.isTunos = isTunos;
    this.rails = rails;
    this.settlement = settlement;
    this.clock = clock;
  }

  /**
   * Pays the checkout once per Idempotency-Key: a key that already made a payment gets that
   * payment as it is now, before anything else is asked (even with the bank down).
   */
  Future<PaymentRecord> pay(String userId, String checkoutId, String accountId, String idempotencyKey) {
    return records.paymentByKey(pool, userId, idempotencyKey).compose(earlier -> earlier.isPresent()
        ? answer(earlier.get(), checkoutId)
        : newPayment(userId, checkoutId, accountId, idempotencyKey, null));
  }

  /**
   * Pays the checkout with the payment row as the key's only record, without asking first whether the key was used: a
   * fresh key is the common case, and the transaction answers that question itself (the checkout is marked PROCESSING
   * only while the key has no record in {@code idempotency_records}, and the payment's unique key refuses a second
   * payment with it). When an earlier request used the key (a payment carries it, or a record holds its answer), this
   * fails before any money is recorded: {@link ErrorCode#IDEMPOTENCY_KEY_REUSED} when that was another request (the
   * payment's fingerprint is not this one's), else {@link ErrorCode#REQUEST_IN_PROGRESS}, and the caller answers from
   * the record or the payment ({@link PaymentService#paymentOfKey}). So does a failure before the payment was
   * recorded (the bank down, the FinAccount since removed) when the key was used, so a replay is answered as it was
   * even then.
   */
  Future<PaymentRecord> payHoldingKey(String userId, String checkoutId, String accountId, IdempotencyClaim claim) {
    return newPayment(userId, checkoutId, accountId, claim.key(), claim)
        .recover(failure -> failure instanceof KeyAlreadyPaid
            ? records.paymentByKey(pool, userId, claim.key())
                .compose(paid -> answeredBy(paid.orElseThrow(), checkoutId, claim))
            : Future.failedFuture(failure));
  }

  private Future<PaymentRecord> newPayment(String userId, String checkoutId, String accountId, String idempotencyKey,
      IdempotencyClaim claim) {
    Future<Optional<RecordedPayment>> recorded = finAccounts.rememberedAsOwnedBy(userId, accountId)
        // A FinAccount this payer paid from before: its ownership is checked inside the recording, not read first.
        ? recordOn(Rail.NH, userId, checkoutId, accountId, idempotencyKey, claim, true)
            .recover(failure -> failure instanceof NoLongerOwned
                ? forgetAndReadAndRecord(userId, checkoutId, accountId, idempotencyKey, claim)
                : Future.failedFuture(failure))
        : readAndRecord(userId, checkoutId, accountId, idempotencyKey, claim);
    return (claim == null ? recorded : recorded.recover(failure -> unlessKeyUsed(userId, checkoutId, claim, failure)))
        .compose(payment -> payment.isPresent() ? charge(payment.get())
            // Another request with this key recorded its payment first.
            : records.paymentByKey(pool, userId, idempotencyKey).map(Optional::orElseThrow)
                .compose(raced -> claim == null ? answer(raced, checkoutId) : answeredBy(raced, checkoutId, claim)));
  }

  /** The rail from a read of the account (a FinAccount or a KFTC-linked one), then the payment recorded. */
  private Future<Optional<RecordedPayment>> readAndRecord(String userId, String checkoutId, String accountId,
      String idempotencyKey, IdempotencyClaim claim) {
    return source(userId, accountId)
        .compose(rail -> recordOn(rail, userId, checkoutId, accountId, idempotencyKey, claim, false));
  }

  /**
   * {@code ownershipInTransaction}: the recording transaction checks that the FinAccount is the payer's (none read
   * before).
   */
  private Future<Optional<RecordedPayment>> recordOn(Rail rail, String userId, String checkoutId, String accountId,
      String idempotencyKey, IdempotencyClaim claim, boolean ownershipInTransaction) {
    return rails.ensureAvailable(rail)
        .compose(available -> rail == Rail.NH ? isTunos.issue() : Future.succeededFuture((DailyUniqueIds.Issued) null))
        .compose(tranId -> record(userId, checkoutId, accountId, rail, tranId, idempotencyKey, claim,
            ownershipInTransaction));
  }

  /** The remembered FinAccount is no longer the payer's: read it again from now on, starting with this pay. */
  private Future<Optional<RecordedPayment>> forgetAndReadAndRecord(String userId, String checkoutId, String accountId,
      String idempotencyKey, IdempotencyClaim claim) {
    finAccounts.forget(accountId);
    return readAndRecord(userId, checkoutId, accountId, idempotencyKey, claim);
  }

  /**
   * A pay that recorded no payment: when an earlier request used the key (its record, or a payment carrying it), that
   * request's answer is this one's, whatever stopped this attempt.
   */
  private <T> Future<T> unlessKeyUsed(String userId, String checkoutId, IdempotencyClaim claim, Throwable failure) {
    if (failure instanceof KeyAlreadyPaid) {
      return Future.failedFuture(failure);
    }
    Future<Boolean> held = failure instanceof HeldKeys.Held ? Future.succeededFuture(true)
        : HeldKeys.held(pool, claim);
    return held.compose(taken -> taken ? answeredByRecord()
        : records.paymentByKey(pool, userId, claim.key()).compose(paid -> paid.isPresent()
            ? answeredBy(paid.get(), checkoutId, claim)
            : Future.failedFuture(failure)));
  }

  private static <T> Future<T> answeredByRecord() {
    return Failures.fail(ErrorCode.REQUEST_IN_PROGRESS, "An earlier request with this Idempotency-Key left its record.");
  }

  /**
   * The payment an earlier request with the claim's key made, which answers this one: refused when it was made for
   * another request (its fingerprint is not this request's; one from before payments held fingerprints, when it paid
   * another checkout), else left to the caller to answer from the payment as it is ({@link
   * PaymentService#paymentOfKey}: 409 while it waits for the bank's answer within the key's lease, else replayed).
   */
  private static <T> Future<T> answeredBy(Row earlier, String checkoutId, IdempotencyClaim claim) {
    Buffer fingerprint = earlier.getBuffer("request_fingerprint");
    boolean sameRequest = fingerprint == null ? earlier.getString("checkout_id").equals(checkoutId)
        : Arrays.equals(fingerprint.getBytes(), claim.fingerprint());
    return sameRequest
        ? Failures.fail(ErrorCode.REQUEST_IN_PROGRESS, "An earlier request with this Idempotency-Key made a payment.")
        : Failures.fail(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was already used with a different request; use a new key.");
  }

  /** The bank is asked; the payment as its settlement left it is the answer (no read of it again). */
  private Future<PaymentRecord> charge(RecordedPayment payment) {
    return rails.charge(payment.movement()).compose(result -> settlement.settlePay(payment, result));
  }

  private Future<PaymentRecord> answer(Row earlier, String checkoutId) {
    PaymentRecord payment = PaymentRecords.paymentRecordOf(earlier);
    return payment.checkoutId().equals(checkoutId)
        ? Future.succeededFuture(payment)
        : Failures.fail(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key already paid another checkout; use a new key.");
  }

  /** Which rail the account belongs to: the user's own NH FinAccount or KFTC-linked account, else not found. */
  private Future<Rail> source(String userId, String accountId) {
    return finAccounts.owned(userId, accountId).compose(finAccount -> {
      if (finAccount.isPresent()) {
        return finAccount.get().verified() ? Future.succeededFuture(Rail.NH)
            : Failures.fail(ErrorCode.FIN_ACCOUNT_UNVERIFIED, "This FinAccount is not proven yours yet: confirm the "
                + "code of its 1-won deposit at POST /api/v1/fin-accounts/" + accountId + "/verify.");
      }
      return openBanking.accounts(userId)
          .otherwise(java.util.List.of())
          .compose(linked -> linked.stream().map(AccountView::id).anyMatch(accountId::equals)
              ? Future.succeededFuture(Rail.KFTC)
              : Failures.fail(ErrorCode.NOT_FOUND, "No account with this id."));
    });
  }

  /**
   * The new payment, or empty when a payment with this key was recorded first. A checkout whose terms this process
   * knows is locked by the statement that marks it PROCESSING ({@link #recordIfOpen}); one it does not know, or that
   * was not OPEN to that statement, is read under its lock ({@link #recordLocked}), where the key is looked up before
   * the checkout's state is judged: a concurrent request with the same key waits for this transaction on the
   * checkout, then finds this payment, so it never reads the checkout as not payable.
   */
  private Future<Optional<RecordedPayment>> record(String userId, String checkoutId, String accountId, Rail rail,
      DailyUniqueIds.Issued tranId, String idempotencyKey, IdempotencyClaim claim, boolean ownershipInTransaction) {
    Optional<CheckoutTerms.Terms> terms = claim == null ? Optional.empty() : checkouts.knownTerms(checkoutId);
    String accountNumber = rail == Rail.NH ? finAccounts.rememberedNumber(accountId).orElse(null) : null;
    Future<Optional<RecordedPayment>> recorded = terms.isEmpty()
        ? recordLocked(userId, checkoutId, accountId, rail, tranId, idempotencyKey, claim, ownershipInTransaction)
        : recordIfOpen(terms.get(), userId, accountId, rail, tranId, claim, ownershipInTransaction)
            // Paid, in progress, gone or not the payer's FinAccount: the locked reads say which.
            .recover(failure -> failure instanceof NotOpenNow
                ? recordLocked(userId, checkoutId, accountId, rail, tranId, idempotencyKey, claim,
                    ownershipInTransaction)
                : Future.failedFuture(failure));
    return recorded
        .map(payment -> payment.map(recordedPayment -> recordedPayment.withAccountNumber(accountNumber)))
        .recover(failure -> claim != null && SqlErrors.isDuplicateKey(failure)
            && String.valueOf(failure.getMessage()).contains("uk_payments_idempotency")
            ? Future.failedFuture(new KeyAlreadyPaid()) : Future.failedFuture(failure));
  }

  /**
   * Records the payment of a checkout whose terms are known: the checkout marked PROCESSING if it is OPEN and the key
   * has no record (which locks it, as {@link #recordLocked}'s read does) and, with {@code ownershipInTransaction},
   * only while the FinAccount is the payer's, then the payment inserted with the key and the request's fingerprint;
   * two statements and the commit. Fails with {@link NotOpenNow}, everything rolled back, when the checkout was not
   * OPEN, the key had a record or the FinAccount was not the payer's: {@link #recordLocked} then tells which.
   */
  private Future<Optional<RecordedPayment>> recordIfOpen(CheckoutTerms.Terms terms, String userId, String accountId,
      Rail rail, DailyUniqueIds.Issued tranId, IdempotencyClaim claim, boolean ownershipInTransaction) {
    MoneyMovement payment = requested(terms.checkoutId(), terms.merchantId(), terms.amount(), userId, accountId, rail,
        tranId);
    return transactions.run(connection -> (ownershipInTransaction
            ? checkouts.markProcessingIfOpenAndPaidFromOwnFinAccount(connection, terms.checkoutId(), claim, userId,
                accountId)
            : checkouts.markProcessingIfOpen(connection, terms.checkoutId(), claim))
        .compose(open -> open ? records.insertPayment(connection, payment, claim.key(), claim.fingerprint())
            : Future.<Void>failedFuture(new NotOpenNow()))
        .map(inserted -> Optional.of(new RecordedPayment(payment, terms.orderId(), null))));
  }

  /**
   * Records the payment after reading the checkout under its lock, which explains a checkout that is not payable.
   * Under that lock, with a claim, the key's record is looked up first (refused with {@link HeldKeys.Held}); then,
   * when the checkout is not OPEN, a payment with the key (empty: that payment answers, not "not payable"). An OPEN
   * checkout's insert finds a payment with the key itself ({@link KeyAlreadyPaid}).
   */
  private Future<Optional<RecordedPayment>> recordLocked(String userId, String checkoutId, String accountId,
      Rail rail, DailyUniqueIds.Issued tranId, String idempotencyKey, IdempotencyClaim claim,
      boolean ownershipInTransaction) {
    return transactions.run(connection -> checkouts.lock(connection, checkoutId)
        .compose(found -> keyPaidUnderLock(connection, found, userId, idempotencyKey, claim)
            .compose(keyPaid -> keyPaid
                ? Future.succeededFuture(Optional.<RecordedPayment>empty())
                : recordUnderLock(connection, found, userId, accountId, rail, tranId, idempotencyKey, claim,
                    ownershipInTransaction))));
  }

  /** Whether a payment carries the key of a pay of a checkout that is not OPEN; a claim's record fails the pay. */
  private Future<Boolean> keyPaidUnderLock(SqlConnection connection, Optional<CheckoutRecord> checkout, String userId,
      String idempotencyKey, IdempotencyClaim claim) {
    Future<Boolean> held = claim == null ? Future.succeededFuture(false) : HeldKeys.held(connection, claim);
    boolean open = checkout.isPresent() && checkout.get().status() == CheckoutStatus.OPEN;
    return held.compose(taken -> taken ? Future.failedFuture(new HeldKeys.Held())
        : open && claim != null ? Future.succeededFuture(false)
        : records.paymentByKey(connection, userId, idempotencyKey).map(Optional::isPresent));
  }

  private Future<Optional<RecordedPayment>> recordUnderLock(SqlConnection connection,
      Optional<CheckoutRecord> found, String userId, String accountId, Rail rail, DailyUniqueIds.Issued tranId,
      String idempotencyKey, IdempotencyClaim claim, boolean ownershipInTransaction) {
    if (found.isEmpty()) {
      return Failures.fail(ErrorCode.NOT_FOUND, "No checkout with this id.");
    }
    CheckoutRecord checkout = found.get();
    if (checkout.status() != CheckoutStatus.OPEN) {
      return Failures.fail(ErrorCode.CHECKOUT_NOT_PAYABLE, checkout.status() == CheckoutStatus.PAID
          ? "This checkout is already paid." : "A payment of this checkout is in progress.");
    }
    MoneyMovement payment = requested(checkout.id(), checkout.merchantId(), checkout.amount(), userId, accountId, rail,
        tranId);
    Future<Boolean> owned = ownershipInTransaction
        ? finAccounts.lockIfOwnedAndVerified(connection, userId, accountId) : Future.succeededFuture(true);
    return owned
        // Rolled back: the pay starts over from a read of the account, as a first one does.
        .compose(stillOwned -> stillOwned
            ? records.insertPayment(connection, payment, idempotencyKey, claim == null ? null : claim.fingerprint())
            : Future.<Void>failedFuture(new NoLongerOwned()))
        .compose(inserted -> checkouts.setStatus(connection, checkout.id(), CheckoutStatus.PROCESSING))
        .map(processing -> Optional.of(new RecordedPayment(payment, checkout.orderId(), null)));
  }

  /** A new payment as its insert writes it (to the millisecond its columns keep, so it is what a read would give). */
  private MoneyMovement requested(String checkoutId, String merchantId, long amount, String userId, String accountId,
      Rail rail, DailyUniqueIds.Issued tranId) {
    String paymentId = UUID.randomUUID().toString();
    return new MoneyMovement(paymentId, paymentId, checkoutId, merchantId, userId, amount, rail, accountId,
        tranId == null ? null : tranId.id(), tranId == null ? null : tranId.dayText(), Rails.chosenTransferId(rail),
        PaymentStatus.REQUESTED, 0, clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * The checkout was not OPEN (or the FinAccount not the payer's) to the statement that would have marked it
   * PROCESSING: rolled back, read again.
   */
  private static final class NotOpenNow extends RuntimeException {
    NotOpenNow() {
      super("the checkout was not open to pay", null, false, false);
    }
  }

  /** A remembered FinAccount that the payment's insert no longer found the payer's (deleted, most likely). */
  private static final class NoLongerOwned extends RuntimeException {
    NoLongerOwned() {
      super("the FinAccount is no longer the payer's to charge", null, false, false);
    }
  }

  /** A payment already carries the key (another request's, committed first): rolled back, answered by that payment. */
  private static final class KeyAlreadyPaid extends RuntimeException {
    KeyAlreadyPaid() {
      super("a payment already carries this Idempotency-Key", null, false, false);
    }
  }
}
