package io.shpay.api;

import io.shpay.common.error.FieldError;
import io.shpay.openbanking.TransactionQuery;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The day range of a bank account's transactions, the same for KFTC accounts and NH FinAccounts: days in Asia/Seoul,
 * both ends inclusive, by default the 30 days up to {@code to} (today), at most 92 days per query (KFTC's limit) and
 * never in the future. The contract checks that {@code from} and {@code to} are days; these rules between them and
 * today it cannot state.
 */
record BankDays(LocalDate from, LocalDate to) {


  /** The range asked, with the defaults; null (and errors recorded) when it cannot be read. */
  static BankDays asked(RoutingContext ctx, LocalDate today, List<FieldError> errors) {
    LocalDate to = QueryParams.date(ctx, "to", today, errors);
    LocalDate from = QueryParams.date(ctx, "from",
        (to == null ? today : to).minusDays(TransactionQuery.DEFAULT_RANGE_DAYS), errors);
    return from == null || to == null ? null : new BankDays(from, to);
  }

  /** Records why this range cannot be read today, if it cannot. */
  static void check(LocalDate from, LocalDate to, LocalDate today, List<FieldError> errors) {
    if (from == null || to == null) {
      return;
    }
    if (to.isAfter(today)) {
      errors.add(new FieldError("to", "must not be in the future"));
    } else if (from.isAfter(to)) {
      errors.add(new FieldError("from", "must not be after to"));
    } else if (ChronoUnit.DAYS.between(from, to) > TransactionQuery.MAX_RANGE_DAYS) {
      errors.add(new FieldError("from", "must be at most " + TransactionQuery.MAX_RANGE_DAYS + " days before to"));
    }
  }
}
