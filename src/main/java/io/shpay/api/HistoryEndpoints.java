package io.shpay.api;

import io.shpay.common.error.FieldError;
import io.shpay.common.error.Failures;
import io.shpay.common.json.Ids;
import io.shpay.history.HistoryQuery;
import io.shpay.history.HistoryService;
import io.shpay.user.UserRole;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
  private static final List<String> STATUSES = List.of("approved", "failed", "unknown", "requested");
  private static final List<String> KINDS = List.of("payment", "refund");
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
        .handler(Authentication.requireRole(UserRole.SUPPORT, UserRole.ADMIN))
        .respond(ctx -> history.supportSearch(Caller.of(ctx).userId(), query(ctx, SUPPORT_PARAMS))
            .map(HistoryJson::supportPage));
  }


  private static HistoryQuery query(RoutingContext ctx, Set<String> allowed) {
    MultiMap params = ctx.queryParams();
    List<FieldError> errors = new ArrayList<>();
    JsonObject query = new JsonObject();
    for (String name : params.names()) {
      if (!allowed.contains(name)) {
        errors.add(new FieldError(name, "is not a filter here; use " + String.join(", ", allowed.stream().sorted().toList())));
      } else if (params.getAll(name).size() > 1) {
        errors.add(new FieldError(name, "must be given once"));
      }
    }
    String status = Requests.filter(params.get("status"), "status", STATUSES, errors);
    if (status != null) {
      query.put("status", status.toUpperCase(java.util.Locale.ROOT)); // the stored status, as answers show it
    }
    String kind = Requests.filter(params.get("kind"), "kind", KINDS, errors);
    if (kind != null) {
      query.put("kind", kind);
    }
    for (String idParam : List.of("userId", "merchantId")) {
      String id = params.get(idParam);
      if (id != null && allowed.contains(idParam)) {
        if (Ids.isValid(id)) {
          query.put(idParam, id);
        } else {
          errors.add(new FieldError(idParam, "must be an id (UUID)"));
        }
      }
    }
    String orderId = params.get("orderId");
    if (orderId != null && allowed.contains("orderId")) {
      if (orderId.isBlank() || orderId.length() > 64) {
        errors.add(new FieldError("orderId", "must be 1 to 64 characters"));
      } else {
        query.put("orderId", orderId);
      }
    }
    LocalDate from = date(params, "from", errors);
    LocalDate to = date(params, "to", errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError("to", "must not be before from"));
    }
    if (from != null) {
      query.put("from", from.toString());
    }
    if (to != null) {
      query.put("to", to.toString());
    }
    String limit = params.get("limit");
    if (limit != null) {
      try {
        int value = Integer.parseInt(limit);
        if (value < 1 || value > MAX_LIMIT) {
          throw new NumberFormatException();
        }
        query.put("limit", value);
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
      }
    }
    String cursor = params.get("cursor");
    if (cursor != null) {
      if (cursor.isBlank() || cursor.length() > 200) {
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
  private static LocalDate date(MultiMap params, String name, List<FieldError> errors) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "must be a date like 2026-11-21"));
      return null;
    }
  }
}
