package io.shpay.api;

import io.shpay.common.error.FieldError;
import io.shpay.common.error.Failures;
import io.shpay.history.HistoryQuery;
import io.shpay.history.HistoryService;
import io.shpay.user.UserRole;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Payment history: {@code GET /api/v1/payments} (the caller's own) and
 * {@code GET /api/v1/support/payments} (role SUPPORT or ADMIN, across users, audited). Both take
 * {@code status}, {@code kind}, {@code from}, {@code to}, {@code limit} and {@code cursor}; support
 * also {@code userId}, {@code merchantId} and {@code orderId}.
 */
final class HistoryEndpoints {

  static final int MAX_LIMIT = 100;
  private static final Set<String> USER_PARAMS = Set.of("status", "kind", "from", "to", "limit", "cursor");
  private static final Set<String> SUPPORT_PARAMS = Set.of("status", "kind", "from", "to", "limit", "cursor",
      "userId", "merchantId", "orderId");

  private final HistoryService history;
  private final Authentication authentication;

  HistoryEndpoints(HistoryService history, Authentication authentication) {
    this.history = history;
    this.authentication = authentication;
  }

  void mount(ApiOperations operations) {
    operations.on("listMyPayments")
        .respond(ctx -> history.userHistory(Caller.of(ctx).userId(), query(ctx, USER_PARAMS)).map(HistoryJson::userPage));
    operations.on("searchPayments")
        .requireRole(UserRole.SUPPORT, UserRole.ADMIN)
        .respond(ctx -> history.supportSearch(Caller.of(ctx).userId(), query(ctx, SUPPORT_PARAMS))
            .map(HistoryJson::supportPage));
  }


  private static HistoryQuery query(RoutingContext ctx, Set<String> allowed) {
    // The contract has checked each parameter it lists (status's and kind's values, the ids, limit's range, lengths).
    List<FieldError> errors = new ArrayList<>();
    JsonObject query = new JsonObject();
    QueryParams.known(ctx, allowed, errors);
    String status = QueryParams.string(ctx, "status");
    if (status != null) {
      query.put("status", status.toUpperCase(java.util.Locale.ROOT)); // the stored status, as answers show it
    }
    String kind = QueryParams.string(ctx, "kind");
    if (kind != null) {
      query.put("kind", kind);
    }
    for (String param : List.of("userId", "merchantId", "orderId")) {
      String value = allowed.contains(param) ? QueryParams.string(ctx, param) : null;
      if (value != null && param.equals("orderId") && value.isBlank()) {
        errors.add(new FieldError("orderId", "must be 1 to 64 characters"));
      } else if (value != null) {
        query.put(param, value);
      }
    }
    LocalDate from = QueryParams.date(ctx, "from", null, errors);
    LocalDate to = QueryParams.date(ctx, "to", null, errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError("to", "must not be before from"));
    }
    if (from != null) {
      query.put("from", from.toString());
    }
    if (to != null) {
      query.put("to", to.toString());
    }
    if (QueryParams.string(ctx, "limit") != null) {
      query.put("limit", QueryParams.integer(ctx, "limit", 0));
    }
    String cursor = QueryParams.string(ctx, "cursor");
    if (cursor != null) {
      if (cursor.isBlank()) {
        errors.add(new FieldError("cursor", "is not a cursor from a previous page"));
      } else {
        query.put("cursor", cursor);
      }
    }
    if (!errors.isEmpty()) {
      throw Failures.invalid(errors);
    }
    return new HistoryQuery(query);
  }

  /** Dates are days in Asia/Seoul, {@code 2026-11-21}, both ends inclusive. */

}
