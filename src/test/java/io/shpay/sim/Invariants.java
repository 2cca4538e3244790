package io.shpay.sim;

import io.shpay.sandbox.kftc.KftcBankView;
import io.shpay.sandbox.nh.NhBankView;
import io.shpay.testing.EventTap;
import io.shpay.testing.PublishedSchemas;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The money core's invariants, checked after the faults stopped and reconciliation ran: money conserved,
 * every checkout charged at most once, refunds within the payment, three-way agreement between SH Pay's
 * rows, the banks' ledgers and the events on Kafka, nothing left open, and each payment's events in order.
 * Each violation is one readable line naming the rows involved.
 */
final class Invariants {

  private static final String APPROVED = "APPROVED";
  private static final String FAILED = "FAILED";

  private final BankBalances before;
  private final BankBalances after;
  private final List<NhBankView.Movement> nhMoves;
  private final List<KftcBankView.Movement> kftcMoves;
  private final MoneyRecords records;
  private final List<EventTap.Event> received;
  private final List<String> violations = new ArrayList<>();

  Invariants(BankBalances before, BankBalances after, List<NhBankView.Movement> nhMoves,
      List<KftcBankView.Movement> kftcMoves, MoneyRecords records, List<EventTap.Event> received) {
    this.before = before;
    this.after = after;
    this.nhMoves = nhMoves;
    this.kftcMoves = kftcMoves;
    this.records = records;
    this.received = received;
  }

  List<String> check() {
    conservation();
    atMostOnce();
    refundsWithinPayments();
    nhAgreement();
    kftcAgreement();
    events();
    nothingOpen();
    return violations;
  }

  private void conservation() {
    long nhBefore = sum(before.nh());
    long nhAfter = sum(after.nh());
    if (nhBefore != nhAfter) {
      violations.add("money not conserved at NH: " + nhBefore + " won before, " + nhAfter + " after");
    }
    long kftcBefore = sum(before.kftc());
    long kftcAfter = sum(after.kftc());
    if (kftcBefore != kftcAfter) {
      violations.add("money not conserved at KFTC: " + kftcBefore + " won before, " + kftcAfter + " after");
    }
  }

  private void atMostOnce() {
    Map<String, List<JsonObject>> byCheckout = records.payments().stream()
        .collect(Collectors.groupingBy(p -> p.getString("checkout_id"), LinkedHashMap::new, Collectors.toList()));
    Map<String, JsonObject> transfers = index(records.transfers(), "id");
    byCheckout.forEach((checkoutId, payments) -> {
      List<JsonObject> approved = payments.stream().filter(p -> APPROVED.equals(p.getString("status"))).toList();
      if (approved.size() > 1) {
        violations.add("checkout " + id(checkoutId) + " has " + approved.size() + " APPROVED payments: " + ids(approved));
      }
      long charges = 0;
      for (JsonObject payment : payments) {
        if ("NH".equals(payment.getString("rail"))) {
          charges += nhMoves.stream().filter(m -> m.isTuno().equals(payment.getString("rail_tran_id"))).count();
        } else if (payment.getString("rail_ref") != null && transfers.containsKey(payment.getString("rail_ref"))) {
          JsonObject transfer = transfers.get(payment.getString("rail_ref"));
          charges += kftcMoves.stream().filter(m -> sameTransfer(m, transfer)).count();
        }
      }
      if (charges > 1) {
        violations.add("checkout " + id(checkoutId) + " was charged " + charges + " times at the bank (payments "
            + describe(payments) + ")");
      }
    });
  }

  private void refundsWithinPayments() {
    Map<String, List<JsonObject>> byPayment = records.refunds().stream()
        .collect(Collectors.groupingBy(r -> r.getString("payment_id")));
    for (JsonObject payment : records.payments()) {
      List<JsonObject> refunds = byPayment.getOrDefault(payment.getString("id"), List.of());
      long refunded = refunds.stream().filter(r -> APPROVED.equals(r.getString("status")))
          .mapToLong(r -> r.getLong("amount")).sum();
      if (refunded > payment.getLong("amount")) {
        violations.add("payment " + id(payment) + " of " + payment.getLong("amount") + " won has " + refunded
            + " won of APPROVED refunds " + ids(refunds));
      }
      if (refunded != payment.getLong("refunded_amount")) {
        violations.add("payment " + id(payment) + " says " + payment.getLong("refunded_amount")
            + " won refunded, its APPROVED refunds add up to " + refunded);
      }
      if (refunded > 0 && !APPROVED.equals(payment.getString("status"))) {
        violations.add("payment " + id(payment) + " is " + payment.getString("status") + " but has APPROVED refunds");
      }
    }
  }

  /** NH: every APPROVED charge and refund has exactly one movement by its IsTuno, a FAILED one none, and every movement its row. */
  private void nhAgreement() {
    Map<String, JsonObject> finAccounts = index(records.finAccounts(), "id");
    Map<String, JsonObject> payments = index(records.payments(), "id");
    Map<String, List<NhBankView.Movement>> byTuno = nhMoves.stream()
        .collect(Collectors.groupingBy(NhBankView.Movement::isTuno));
    Map<String, String> claimed = new HashMap<>();
    for (JsonObject payment : records.payments()) {
      if ("NH".equals(payment.getString("rail"))) {
        JsonObject account = finAccounts.get(payment.getString("source_id"));
        nhLeg("payment " + id(payment), payment, byTuno, account, false);
        claimed.put(payment.getString("rail_tran_id"), "payment " + id(payment) + " " + payment.getString("status"));
      }
    }
    for (JsonObject refund : records.refunds()) {
      JsonObject payment = payments.get(refund.getString("payment_id"));
      if (payment != null && "NH".equals(payment.getString("rail"))) {
        JsonObject account = finAccounts.get(payment.getString("source_id"));
        nhLeg("refund " + id(refund) + " of payment " + id(payment), refund, byTuno, account, true);
        claimed.put(refund.getString("rail_tran_id"), "refund " + id(refund) + " " + refund.getString("status"));
      }
    }
    for (NhBankView.Movement move : nhMoves) {
      String row = claimed.get(move.isTuno());
      String moved = "NH moved " + move.amount() + " won from " + move.from().accountNumber() + " to "
          + move.to().accountNumber() + " (IsTuno " + move.isTuno() + ")";
      if (row == null) {
        violations.add(moved + " and SH Pay has no payment or refund for it");
      } else if (row.endsWith(" REQUESTED") || row.endsWith(" UNKNOWN")) {
        violations.add(moved + " for " + row + ", which never learnt it");
      }
    }
  }

  private void nhLeg(String what, JsonObject row, Map<String, List<NhBankView.Movement>> byTuno, JsonObject account,
      boolean refund) {
    List<NhBankView.Movement> moves = byTuno.getOrDefault(row.getString("rail_tran_id"), List.of());
    String status = row.getString("status");
    if (APPROVED.equals(status)) {
      if (moves.size() != 1) {
        violations.add(what + " is APPROVED with " + moves.size() + " NH movements for IsTuno " + row.getString("rail_tran_id"));
        return;
      }
      NhBankView.Movement move = moves.get(0);
      String userSide = (refund ? move.to() : move.from()).accountNumber();
      if (move.amount() != row.getLong("amount") || account == null || !userSide.equals(account.getString("account_number"))) {
        violations.add(what + " (" + row.getLong("amount") + " won) does not match its NH movement " + move);
      }
    } else if (FAILED.equals(status) && !moves.isEmpty()) {
      violations.add(what + " is FAILED (" + row.getString("bank_code") + " " + row.getString("bank_message")
          + ") but NH moved " + moves.get(0).amount() + " won for it");
    }
  }

  /**
   * KFTC: every transfer row agrees with the bank, every bank movement has its row, and every APPROVED
   * transfer is owed: the charge of an APPROVED payment or the payout of an APPROVED refund.
   */
  private void kftcAgreement() {
    Map<String, JsonObject> transfers = index(records.transfers(), "id");
    Map<String, JsonObject> linked = index(records.linkedAccounts(), "id");
    Map<String, String> claims = new HashMap<>();
    for (JsonObject payment : records.payments()) {
      if ("KFTC".equals(payment.getString("rail"))) {
        kftcClaim("payment " + id(payment), payment, transfers, "WITHDRAW", claims);
      }
    }
    Map<String, JsonObject> payments = index(records.payments(), "id");
    for (JsonObject refund : records.refunds()) {
      JsonObject payment = payments.get(refund.getString("payment_id"));
      if (payment != null && "KFTC".equals(payment.getString("rail"))) {
        kftcClaim("refund " + id(refund) + " of payment " + id(payment), refund, transfers, "DEPOSIT", claims);
      }
    }
    moveClaims(transfers, claims);
    for (JsonObject transfer : records.transfers()) {
      List<KftcBankView.Movement> moves = kftcMoves.stream().filter(m -> sameTransfer(m, transfer)).toList();
      String what = transfer.getString("kind").toLowerCase() + " transfer " + id(transfer) + " of "
          + transfer.getLong("amount") + " won (" + transfer.getString("bank_tran_id") + ")";
      String status = transfer.getString("status");
      if (APPROVED.equals(status)) {
        JsonObject account = linked.get(transfer.getString("account_id"));
        if (moves.size() != 1) {
          violations.add(what + " is APPROVED with " + moves.size() + " KFTC movements");
        } else if (moves.get(0).amount() != transfer.getLong("amount") || account == null
            || !moves.get(0).fintechUseNum().equals(account.getString("fintech_use_num"))
            || moves.get(0).deposit() != "DEPOSIT".equals(transfer.getString("kind"))) {
          violations.add(what + " does not match its KFTC movement " + moves.get(0));
        }
        if (!claims.containsKey(transfer.getString("id"))) {
          violations.add(what + " is APPROVED but no APPROVED payment or refund claims it"
              + ("DEPOSIT".equals(transfer.getString("kind")) ? ": SH Pay paid out without a claim" : ": money taken for nothing"));
        }
      } else if (FAILED.equals(status) && !moves.isEmpty()) {
        violations.add(what + " is FAILED but KFTC moved the money");
      }
    }
    for (KftcBankView.Movement move : kftcMoves) {
      List<JsonObject> rows = records.transfers().stream().filter(t -> sameTransfer(move, t)).toList();
      String moved = "KFTC " + (move.deposit() ? "deposit" : "withdrawal") + " " + move.bankTranId() + " of "
          + move.amount() + " won";
      if (rows.isEmpty()) {
        violations.add(moved + " has no transfer row in SH Pay");
      } else if (MoneyRecords.OPEN.contains(rows.get(0).getString("status"))) {
        violations.add(moved + " happened but its transfer " + id(rows.get(0)) + " is still " + rows.get(0).getString("status"));
      }
    }
  }

  /** Moves claim their legs: the withdrawal, the deposit once the withdrawal is APPROVED, the return once the deposit FAILED. */
  private void moveClaims(Map<String, JsonObject> transfers, Map<String, String> claims) {
    for (JsonObject move : records.moves()) {
      String what = "move " + id(move) + " (" + move.getString("status") + ", " + move.getLong("amount") + " won)";
      JsonObject withdrawal = transfers.get(move.getString("withdraw_transfer_id"));
      JsonObject deposit = transfers.get(move.getString("deposit_transfer_id"));
      JsonObject back = transfers.get(move.getString("return_transfer_id"));
      boolean withdrawn = withdrawal != null && APPROVED.equals(withdrawal.getString("status"));
      boolean deposited = deposit != null && APPROVED.equals(deposit.getString("status"));
      boolean returned = back != null && APPROVED.equals(back.getString("status"));
      if (withdrawn) {
        claims.put(withdrawal.getString("id"), what + " withdrawal");
      }
      if (deposited) {
        if (!withdrawn) {
          violations.add(what + " deposited without an APPROVED withdrawal: SH Pay paid out without a claim");
        }
        claims.put(deposit.getString("id"), what + " deposit");
      }
      if (returned) {
        if (!withdrawn || deposit == null || !FAILED.equals(deposit.getString("status"))) {
          violations.add(what + " paid a return although its deposit is "
              + (deposit == null ? "missing" : deposit.getString("status")));
        }
        claims.put(back.getString("id"), what + " return");
      }
      String expected = !withdrawn ? "FAILED" : deposited ? "COMPLETED" : returned ? "RETURNED" : null;
      if (expected == null) {
        violations.add(what + ": the withdrawal is APPROVED and the money reached neither account (deposit "
            + (deposit == null ? "none" : deposit.getString("status")) + ", return "
            + (back == null ? "none" : back.getString("status")) + ")");
      } else if (List.of("COMPLETED", "FAILED", "RETURNED").contains(move.getString("status"))
          && !expected.equals(move.getString("status"))) {
        violations.add(what + " should be " + expected + " by its legs");
      }
    }
  }

  private void kftcClaim(String what, JsonObject row, Map<String, JsonObject> transfers, String kind,
      Map<String, String> claims) {
    String ref = row.getString("rail_ref");
    JsonObject transfer = ref == null ? null : transfers.get(ref);
    String status = row.getString("status");
    if (APPROVED.equals(status)) {
      if (transfer == null) {
        violations.add(what + " is APPROVED without a KFTC transfer");
        return;
      }
      if (!APPROVED.equals(transfer.getString("status")) || !kind.equals(transfer.getString("kind"))
          || !Objects.equals(transfer.getLong("amount"), row.getLong("amount"))) {
        violations.add(what + " is APPROVED but its transfer " + id(transfer) + " is " + transfer.getString("kind") + " "
            + transfer.getString("status") + " of " + transfer.getLong("amount"));
      }
      String earlier = claims.put(ref, what);
      if (earlier != null) {
        violations.add("transfer " + id(transfer) + " is claimed by both " + earlier + " and " + what);
      }
    } else if (FAILED.equals(status) && transfer != null && APPROVED.equals(transfer.getString("status"))) {
      violations.add(what + " is FAILED (" + row.getString("bank_code") + ") but its transfer " + id(transfer)
          + " moved the money");
    }
  }

  private void events() {
    Map<String, EventTap.Event> byId = new LinkedHashMap<>();
    for (EventTap.Event event : received) {
      byId.putIfAbsent(event.id(), event);
    }
    Map<String, JsonObject> outboxById = index(records.outbox(), "event_id");
    for (JsonObject row : records.outbox()) {
      if (!byId.containsKey(row.getString("event_id"))) {
        violations.add("event " + row.getString("event_type") + " " + id(row.getString("event_id")) + " of payment "
            + id(row.getString("aggregate_id")) + " never reached Kafka");
      }
    }
    for (EventTap.Event event : byId.values()) {
      // Every event the simulated faults produced, whatever its type, is the published contract.
      PublishedSchemas.eventViolations(event.type(), event.data())
          .forEach(broken -> violations.add("event " + event.type() + " " + id(event.id()) + " breaks its schema: " + broken));
    }
    for (EventTap.Event event : byId.values()) {
      if (!outboxById.containsKey(event.id())) {
        violations.add("Kafka carries event " + event.type() + " " + id(event.id()) + " that SH Pay never recorded");
      }
    }
    Map<String, List<JsonObject>> byPayment = records.outbox().stream()
        .collect(Collectors.groupingBy(r -> r.getString("aggregate_id")));
    for (JsonObject payment : records.payments()) {
      List<JsonObject> events = byPayment.getOrDefault(payment.getString("id"), List.of());
      String status = payment.getString("status");
      String expected = APPROVED.equals(status) ? "shpay.payment.approved" : FAILED.equals(status) ? "shpay.payment.failed" : null;
      long count = events.stream().filter(e -> e.getString("event_type").equals(expected)).count();
      if (expected != null && count != 1) {
        violations.add("payment " + id(payment) + " is " + status + " with " + count + " " + expected + " events");
      }
    }
    for (JsonObject refund : records.refunds()) {
      String status = refund.getString("status");
      String expected = APPROVED.equals(status) ? "shpay.payment.refunded" : FAILED.equals(status) ? "shpay.payment.refund_failed" : null;
      if (expected == null) {
        continue;
      }
      long count = byPayment.getOrDefault(refund.getString("payment_id"), List.of()).stream()
          .filter(e -> e.getString("event_type").equals(expected))
          .filter(e -> refund.getString("id").equals(new JsonObject(e.getString("payload"))
              .getJsonObject("refund", new JsonObject()).getString("id")))
          .count();
      if (count != 1) {
        violations.add("refund " + id(refund) + " is " + status + " with " + count + " " + expected + " events");
      }
    }
    // Order per payment: the first arrival of each event follows the order SH Pay recorded them in.
    byPayment.forEach((paymentId, events) -> {
      List<String> recorded = events.stream().map(e -> e.getString("event_id")).toList();
      List<String> arrived = byId.values().stream().filter(e -> paymentId.equals(e.key())).map(EventTap.Event::id).toList();
      if (arrived.size() == recorded.size() && !arrived.equals(recorded)) {
        violations.add("events of payment " + id(paymentId) + " arrived out of order: recorded " + types(recorded, outboxById)
            + ", arrived " + types(arrived, outboxById));
      }
    });
  }

  private void nothingOpen() {
    for (JsonObject payment : records.payments()) {
      open("payment " + id(payment) + " (" + payment.getString("rail") + ", " + payment.getLong("amount") + " won)", payment);
    }
    for (JsonObject refund : records.refunds()) {
      open("refund " + id(refund) + " of payment " + id(refund.getString("payment_id")), refund);
    }
    for (JsonObject transfer : records.transfers()) {
      open(transfer.getString("kind").toLowerCase() + " transfer " + id(transfer), transfer);
    }
    for (JsonObject checkout : records.checkouts()) {
      open("checkout " + id(checkout), checkout);
    }
    for (JsonObject move : records.moves()) {
      if (!List.of("COMPLETED", "FAILED", "RETURNED").contains(move.getString("status"))) {
        violations.add("move " + id(move) + " is still " + move.getString("status") + " after reconciliation");
      }
    }
  }

  private void open(String what, JsonObject row) {
    if (MoneyRecords.OPEN.contains(row.getString("status"))) {
      violations.add(what + " is still " + row.getString("status") + " after reconciliation"
          + (row.getString("bank_message") == null ? "" : " (" + row.getString("bank_message") + ")"));
    }
  }

  private static boolean sameTransfer(KftcBankView.Movement move, JsonObject transfer) {
    return move.bankTranId().equals(transfer.getString("bank_tran_id"))
        && move.bankTranDate().equals(transfer.getString("bank_tran_date"));
  }

  private static List<String> types(List<String> eventIds, Map<String, JsonObject> outbox) {
    return eventIds.stream().map(e -> outbox.containsKey(e) ? outbox.get(e).getString("event_type").replace("shpay.payment.", "")
        : "?").toList();
  }

  private static Map<String, JsonObject> index(List<JsonObject> rows, String field) {
    Map<String, JsonObject> byField = new HashMap<>();
    rows.forEach(row -> byField.put(row.getString(field), row));
    return byField;
  }

  private static long sum(Map<String, Long> balances) {
    return balances.values().stream().mapToLong(Long::longValue).sum();
  }

  private static String id(JsonObject row) {
    return id(row.getString("id"));
  }

  private static String id(String id) {
    return Workload.shortId(id);
  }

  private static String ids(List<JsonObject> rows) {
    return rows.stream().map(Invariants::id).toList().toString();
  }

  private static String describe(List<JsonObject> payments) {
    return payments.stream().map(p -> id(p) + " " + p.getString("status")
        + (p.getString("bank_code") == null ? "" : " " + p.getString("bank_code"))).toList().toString();
  }
}
