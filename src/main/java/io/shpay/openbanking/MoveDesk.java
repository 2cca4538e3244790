package io.shpay.openbanking;

import io.shpay.common.db.SqlErrors;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.notify.SlackAlerts;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Moves money between two of a user's own linked accounts in legs: withdraw from the first; only
 * once that is APPROVED, deposit to the second; if that deposit is refused, deposit the amount back
 * to the first. Each leg is an ordinary transfer whose id was fixed on the move before anything was
 * sent, and each deposit pays the move's claim ({@code move:<id>:deposit}, {@code move:<id>:return}),
 * so a leg is sent at most once, and a leg whose outcome is unknown is settled by the transfer
 * settler (asking KFTC, never sending again) before the move goes on.
 *
 * <p>Only the request that created the move sends its withdrawal. The janitor ({@link #advanceDue})
 * carries every other step: it sends owed deposits whose leg is not recorded yet (the request died),
 * moves on once a leg settles, and fails a move whose withdrawal was never recorded long after it was
 * asked for (nothing left the account).
 */
final class MoveDesk {

  private static final Logger LOG = LoggerFactory.getLogger(MoveDesk.class);
  /** How soon an open move is looked at again. */
  static final Duration RECHECK = Duration.ofSeconds(30);
  /** A move whose withdrawal is still unrecorded this long after it was asked for was abandoned mid-request. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
  private static final Duration CLAIM = Duration.ofMinutes(2);
  private static final int BATCH = 50;

  private final Moves moves;
  private final Transfers transfers;
  private final TransferDesk desk;
  private final LinkedAccounts accounts;
  private final MoveNotices notices;
  private final SlackAlerts operators;
  private final Clock clock;

  MoveDesk(Moves moves, Transfers transfers, TransferDesk desk, LinkedAccounts accounts, MoveNotices notices,
      SlackAlerts operators, Clock clock) {
    this.operators = operators;
    this.moves = moves;
    this.transfers = transfers;
    this.desk = desk;
    this.accounts = accounts;
    this.notices = notices;
    this.clock = clock;
  }

  /** Records the move (or finds the one this key already made) and takes it as far as the banks allow now. */
  Future<MoveView> create(MoveRequest request) {
    if (request.fromAccountId().equals(request.toAccountId())) {
      return Future.failedFuture(Failures.invalid("toAccountId", "must be another of your accounts than fromAccountId"));
    }
    return accounts.owned(request.userId(), request.fromAccountId())
        .compose(from -> accounts.owned(request.userId(), request.toAccountId()))
        .compose(to -> moves.insert(request.userId(), request.idempotencyKey(), request.fromAccountId(),
                request.toAccountId(), request.amount(), request.printContent(), clock.instant().plus(RECHECK))
            .transform(inserted -> inserted.succeeded() ? withdraw(inserted.result())
                : SqlErrors.isDuplicateKey(inserted.cause()) ? existing(request)
                : Future.failedFuture(inserted.cause())))
        .compose(this::view);
  }

  /** One of the user's moves; another user's is {@code not_found}, exactly like a missing one. */
  Future<MoveView> moveOf(String userId, String moveId) {
    return moves.find(moveId).compose(found -> found.filter(move -> move.userId().equals(userId))
        .map(this::view)
        .orElseGet(() -> Failures.fail(ErrorCode.NOT_FOUND, "No transfer with this id.")));
  }

  /** Advances every open move that is due; returns how many reached a final state. */
  Future<Integer> advanceDue() {
    return moves.claimDue(BATCH, clock.instant().plus(CLAIM)).compose(ids -> {
      Future<Integer> finished = Future.succeededFuture(0);
      for (String id : ids) {
        finished = finished.compose(count -> moves.get(id).compose(this::advance)
            .map(after -> after.isOpen() ? count : count + 1)
            .otherwise(failure -> {
              LOG.warn("Advancing move {} failed, will retry: {}", id, failure.getMessage());
              return count;
            }));
      }
      return finished;
    });
  }

  /** A retry of the same create: the same request follows its move, a different one is refused. */
  private Future<Moves.Move> existing(MoveRequest request) {
    return moves.byKey(request.userId(), request.idempotencyKey()).compose(found -> {
      Moves.Move move = found.orElseThrow();
      boolean same = move.fromAccountId().equals(request.fromAccountId())
          && move.toAccountId().equals(request.toAccountId()) && move.amount() == request.amount();
      return same ? advance(move) : Failures.fail(ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was already used for a different transfer; use a new key.");
    });
  }

  /** The creating request's step: claim the withdrawal, send it once, and follow its outcome. */
  private Future<Moves.Move> withdraw(Moves.Move move) {
    return moves.step(move, Moves.WITHDRAWING, clock.instant().plus(RECHECK)).compose(claimed -> {
      if (!claimed) {
        return moves.get(move.id()).compose(this::advance);
      }
      TransferRequest leg = TransferRequest.of(TransferRequest.Kind.WITHDRAW, move.userId(), move.fromAccountId(),
          move.amount(), null, move.printContent()).withTransferId(move.withdrawTransferId());
      return moves.get(move.id()).compose(withdrawing -> {
        notices.moved(withdrawing);
        return desk.transfer(leg).transform(sent -> transfers.find(move.withdrawTransferId()).compose(recorded -> {
          // Unrecorded means refused before anything was sent (no token, no bank_tran_id): nothing moved.
          Future<Moves.Move> after = recorded.isEmpty() ? stepThen(withdrawing, Moves.FAILED)
              : follow(withdrawing, recorded.get().view(), Moves.DEPOSITING, Moves.FAILED);
          // A refusal open banking explained (consent lapsed, ...) is the answer the client needs.
          return sent.succeeded() ? after : after.compose(settled -> settled.isOpen()
              ? Future.succeededFuture(settled) : Future.<Moves.Move>failedFuture(sent.cause()));
        }));
      });
    });
  }

  /** Takes the move one step further if its current leg allows, and on until it cannot. */
  private Future<Moves.Move> advance(Moves.Move move) {
    boolean abandoned = move.createdAt().plus(ABANDONED_AFTER).isBefore(clock.instant());
    return switch (move.status()) {
      case Moves.REQUESTED -> abandoned ? stepThen(move, Moves.FAILED) : later(move);
      case Moves.WITHDRAWING -> transfers.find(move.withdrawTransferId()).compose(leg -> leg.isPresent()
          ? follow(move, leg.get().view(), Moves.DEPOSITING, Moves.FAILED)
          // Only the creating request sends the withdrawal; if it never recorded one, nothing was taken.
          : abandoned ? stepThen(move, Moves.FAILED) : later(move));
      case Moves.DEPOSITING -> deposit(move, move.depositTransferId(), move.toAccountId(), "deposit")
          .compose(leg -> leg.isPresent() ? follow(move, leg.get(), Moves.COMPLETED, Moves.RETURNING) : later(move));
      case Moves.RETURNING -> deposit(move, move.returnTransferId(), move.fromAccountId(), "return")
          .compose(leg -> leg.isPresent() ? follow(move, leg.get(), Moves.RETURNED, Moves.RETURN_FAILED) : later(move));
      default -> Future.succeededFuture(move);
    };
  }

  /**
   * The deposit leg as recorded, sending it first if nobody has: it is owed (the withdrawal was
   * approved), and its fixed id and claim make a concurrent second send record nothing.
   */
  private Future<Optional<TransferView>> deposit(Moves.Move move, String transferId, String accountId, String leg) {
    return transfers.find(transferId).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(Optional.of(found.get().view()));
      }
      TransferRequest request = TransferRequest.of(TransferRequest.Kind.DEPOSIT, move.userId(), accountId,
          move.amount(), null, move.printContent()).withTransferId(transferId).withClaim("move:" + move.id() + ":" + leg);
      return desk.transfer(request).transform(sent -> transfers.find(transferId).map(recorded -> {
        if (recorded.isEmpty()) {
          LOG.warn("The {} leg of move {} could not be sent yet ({}); the janitor tries again", leg, move.id(),
              sent.failed() ? sent.cause().getMessage() : "no record");
        }
        return recorded.map(Transfers.Stored::view);
      }));
    });
  }

  /** Moves on by the leg's outcome; a leg still open (REQUESTED, UNKNOWN) leaves the move where it is. */
  private Future<Moves.Move> follow(Moves.Move move, TransferView leg, String onApproved, String onFailed) {
    return switch (leg.status()) {
      case "APPROVED" -> stepThen(move, onApproved);
      case "FAILED" -> stepThen(move, onFailed);
      default -> later(move);
    };
  }

  private Future<Moves.Move> stepThen(Moves.Move move, String to) {
    boolean open = Moves.DEPOSITING.equals(to) || Moves.RETURNING.equals(to);
    return moves.step(move, to, open ? clock.instant().plus(RECHECK) : null).compose(stepped -> moves.get(move.id())
        .compose(now -> {
          if (stepped) {
            notices.moved(now);
            if (Moves.RETURN_FAILED.equals(to)) {
              returnFailed(now);
            }
          }
          return advance(now);
        }));
  }

  /** The amount is in SH Pay's contract account and owed to the user: only a person can pay it back now. */
  private void returnFailed(Moves.Move move) {
    LOG.error("Move {}: the deposit and the way back to the first account were both refused; {} won are in SH Pay's "
        + "contract account and must be paid back by hand", move.id(), move.amount());
    operators.operatorAlert("move-return-failed:" + move.id(), ":rotating_light: Move " + move.id() + ": the deposit"
            + " and the way back to the first account were both refused; "
            + NumberFormat.getIntegerInstance(Locale.KOREA).format(move.amount()) + " KRW are in SH Pay's contract"
            + " account, owed to user " + move.userId() + " (account " + move.fromAccountId() + ")")
        .onFailure(failure -> LOG.warn("Could not post the alert for move {} to Slack: {}", move.id(), failure.toString()));
  }

  private Future<Moves.Move> later(Moves.Move move) {
    return moves.later(move, clock.instant().plus(RECHECK)).map(move);
  }

  private Future<MoveView> view(Moves.Move move) {
    List<Future<Optional<Transfers.Stored>>> legs = List.of(transfers.find(move.withdrawTransferId()),
        transfers.find(move.depositTransferId()), transfers.find(move.returnTransferId()));
    return Future.all(legs).map(all -> new MoveView(move.id(), move.fromAccountId(), move.toAccountId(),
        move.amount(), move.status(), leg(legs.get(0).result()), leg(legs.get(1).result()), leg(legs.get(2).result()),
        move.createdAt(), move.updatedAt()));
  }

  private static TransferView leg(Optional<Transfers.Stored> stored) {
    return stored.map(Transfers.Stored::view).orElse(null);
  }
}
