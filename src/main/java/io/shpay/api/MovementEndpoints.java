package io.shpay.api;

import io.shpay.common.error.Failures;
import io.shpay.common.error.FieldError;
import io.shpay.common.json.MovementPage;
import io.shpay.common.json.MovementQuery;
import io.shpay.common.time.BankTime;
import io.shpay.openbanking.BankMovementPage;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.payment.PaymentMovementPage;
import io.shpay.payment.PaymentService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The caller's own money movements, newest first, in cursor pages: {@code GET /api/v1/transfers} (moves between
 * their accounts with their legs, withdrawals, refunds they received) and {@code GET /api/v1/timeline} (the same
 * with their payments: everything that moved their money through SH Pay, in one list). Each capability answers its
 * part of a page; the newest of all of them make the page, and the signed cursor carries the question and the last
 * item, so the next page continues exactly after it.
 */
final class MovementEndpoints {

  static final int MAX_LIMIT = 100;
  static final int DEFAULT_LIMIT = 25;
  private static final List<String> STATUSES = List.of("requested", "unknown", "approved", "failed", "withdrawing",
      "depositing", "completed", "returning", "returned", "return_failed");
  private static final Set<String> PARAMS = Set.of("status", "from", "to", "limit", "cursor");
  /** Before SH Pay existed: the start of an unbounded range. */
  private static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");

  private final OpenBankingService openBanking;
  private final PaymentService payments;
  private final Authentication authentication;
  private final CursorSeal cursors;

  /** {@code openBanking} or {@code payments} is null in a process that serves only the other. */
  MovementEndpoints(OpenBankingService openBanking, PaymentService payments, Authentication authentication,
      CursorSeal cursors) {
    this.openBanking = openBanking;
    this.payments = payments;
    this.authentication = authentication;
    this.cursors = cursors;
  }

  void mount(ApiOperations operations) {
    operations.on("listTransfers").respond(ctx -> page(ctx, List.of("refund")));
    operations.on("timeline").respond(ctx -> page(ctx, List.of("payment", "refund")));
  }

  private Future<JsonObject> page(RoutingContext ctx, List<String> paymentKinds) {
    String userId = Caller.of(ctx).userId();
    JsonObject query = query(ctx);
    int limit = query.getInteger("limit");
    // One more than the page from each part: more than a page in all means another page follows.
    JsonObject asked = query.copy().put("limit", limit + 1);
    Future<BankMovementPage> banking = openBanking == null
        ? Future.succeededFuture(new BankMovementPage(List.of(), List.of()))
        : openBanking.movements(userId, new MovementQuery(asked));
    Future<PaymentMovementPage> paid = payments == null
        ? Future.succeededFuture(new PaymentMovementPage(List.of(), List.of()))
        : payments.movements(userId, new MovementQuery(asked).ofKinds(paymentKinds));
    return Future.all(banking, paid).map(both -> {
      MovementPage.Merged merged = MovementPage.merge(
          List.of(MovementJson.items(banking.result()), MovementJson.items(paid.result())), limit);
      JsonObject last = merged.items().isEmpty() ? null : merged.items().get(merged.items().size() - 1);
      return new JsonObject()
          .put("items", new JsonArray(new ArrayList<>(merged.items())))
          .put("nextCursor", merged.more() && last != null
              ? cursors.seal(query.copy().put("beforeAt", last.getString("createdAt")).put("beforeId", last.getString("id"))
                  .encode())
              : null);
    });
  }

  private JsonObject query(RoutingContext ctx) {
    // The contract has checked each parameter (status's values, limit's range, the dates' and cursor's form).
    List<FieldError> errors = new ArrayList<>();
    QueryParams.known(ctx, PARAMS, errors);
    String cursor = QueryParams.string(ctx, "cursor");
    if (cursor != null && errors.isEmpty()) {
      if (ctx.queryParams().size() > 1) {
        throw Failures.invalid("cursor", "carries the whole query; send it alone");
      }
      return openCursor(cursor);
    }
    String status = QueryParams.string(ctx, "status");
    LocalDate from = QueryParams.date(ctx, "from", null, errors);
    LocalDate to = QueryParams.date(ctx, "to", null, errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError("to", "must not be before from"));
    }
    int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT);
    if (!errors.isEmpty()) {
      throw Failures.invalid(errors);
    }
    JsonArray statuses = new JsonArray();
    if (status != null) {
      statuses.add(status.toUpperCase(Locale.ROOT));
    }
    return new JsonObject()
        .put("fromAt", (from == null ? EPOCH : from.atStartOfDay(BankTime.SEOUL).toInstant()).toString())
        .put("beforeAt", (to == null ? FOREVER : to.plusDays(1).atStartOfDay(BankTime.SEOUL).toInstant()).toString())
        .put("beforeId", "")
        .put("statuses", statuses)
        .put("limit", limit);
  }

  private JsonObject openCursor(String cursor) {
    try {
      JsonObject query = new JsonObject(cursors.open(cursor));
      Instant.parse(query.getString("fromAt"));
      Instant.parse(query.getString("beforeAt"));
      int limit = query.getInteger("limit");
      String beforeId = query.getString("beforeId");
      boolean knownStatuses = query.getJsonArray("statuses").stream()
          .allMatch(s -> STATUSES.contains(s.toString().toLowerCase(Locale.ROOT)));
      if (!knownStatuses || limit < 1 || limit > MAX_LIMIT || beforeId == null || beforeId.length() > 64) {
        throw new IllegalArgumentException();
      }
      return query;
    } catch (io.vertx.serviceproxy.ServiceException refused) {
      throw refused;
    } catch (RuntimeException e) {
      throw Failures.invalid("cursor", "is not a cursor this API returned");
    }
  }
}
