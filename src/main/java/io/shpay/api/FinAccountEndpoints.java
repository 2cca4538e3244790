package io.shpay.api;

import io.shpay.common.error.Failures;
import io.shpay.common.error.FieldError;
import io.shpay.common.time.BankTime;
import io.shpay.payment.FinAccountHistoryQuery;
import io.shpay.payment.PaymentService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /api/v1/fin-accounts/{id}}: one of the caller's NH FinAccounts, its balance (cached, as KFTC balances are),
 * its transactions from NH's history in pages, its nickname, and deleting it. Reads that go to NH (a fresh balance,
 * a history page) count against the same per-user limit as KFTC ones.
 */
final class FinAccountEndpoints {

  /** NH answers at most three months a query, and at most a year back. */
  static final int MAX_DAYS_BACK = 365;
  static final int MAX_NICKNAME = 20;
  private static final int MAX_PAGE = 1000;
  /** NH's {@code Dmcnt}: at most 100 lines a page. */
  static final int MAX_LIMIT = 100;
  static final int DEFAULT_LIMIT = 25;

  private final PaymentService payments;
  private final Authentication authentication;
  private final BankTime time;
  private final BankReads bankReads;
  private final CursorSeal cursors;

  FinAccountEndpoints(PaymentService payments, Authentication authentication, Clock clock, BankReads bankReads,
      CursorSeal cursors) {
    this.payments = payments;
    this.authentication = authentication;
    this.time = new BankTime(clock);
    this.bankReads = bankReads;
    this.cursors = cursors;
  }

  void mount(ApiOperations operations) {
    operations.on("getFinAccount")
        .respond(ctx -> payments.finAccount(Caller.of(ctx).userId(), id(ctx)).map(FinAccountJson::finAccount));
    operations.on("renameFinAccount").respond(this::rename);
    operations.on("deleteFinAccount")
        .respond(ctx -> payments.deleteFinAccount(Caller.of(ctx).userId(), id(ctx)).map(deleted -> {
          ctx.response().setStatusCode(204);
          return null;
        }));
    operations.on("getFinAccountBalance").respond(this::balance);
    operations.on("listFinAccountTransactions").respond(this::transactions);
  }


  private Future<JsonObject> rename(RoutingContext ctx) {
    String id = id(ctx);
    var body = Requests.json(ctx, Set.of("nickname"));
    String nickname = body.optionalString("nickname", 1, MAX_NICKNAME);
    if (nickname != null && nickname.chars().anyMatch(Character::isISOControl)) {
      body.reject("nickname", "must not contain control characters");
    }
    if (!ctx.body().asJsonObject().containsKey("nickname")) {
      body.reject("nickname", "is required (null removes the nickname)");
    }
    body.validate();
    return payments.renameFinAccount(Caller.of(ctx).userId(), id, nickname).map(FinAccountJson::finAccount);
  }

  private Future<JsonObject> balance(RoutingContext ctx) {
    String userId = Caller.of(ctx).userId();
    String id = id(ctx);
    boolean fresh = QueryParams.flag(ctx, "fresh");
    return bankReads.admitIf(fresh, userId)
        .compose(ignored -> payments.finAccountBalance(userId, id, fresh)).map(FinAccountJson::balance);
  }

  private Future<JsonObject> transactions(RoutingContext ctx) {
    String userId = Caller.of(ctx).userId();
    String id = id(ctx);
    HistoryQuery query = query(ctx);
    return bankReads.admit(userId)
        .compose(ignored -> payments.finAccountHistory(userId, id, FinAccountHistoryQuery.of(query.from(), query.to(),
            FinAccountHistoryQuery.Direction.valueOf(query.direction().toUpperCase(Locale.ROOT)), query.limit(),
            query.page())))
        .map(page -> new JsonObject()
            .put("items", FinAccountJson.lines(page.items()))
            .put("nextCursor", page.more() ? cursors.seal(query.next().toJson().encode()) : null));
  }

  /** A history question and the page asked; a cursor carries the whole of it, signed, so the next page asks the same. */
  record HistoryQuery(LocalDate from, LocalDate to, String direction, int limit, int page) {

    HistoryQuery next() {
      return new HistoryQuery(from, to, direction, limit, page + 1);
    }

    JsonObject toJson() {
      return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("direction", direction)
          .put("limit", limit).put("page", page);
    }

    static HistoryQuery fromJson(JsonObject json) {
      HistoryQuery query = new HistoryQuery(LocalDate.parse(json.getString("from")), LocalDate.parse(json.getString("to")),
          json.getString("direction"), json.getInteger("limit"), json.getInteger("page"));
      if (!List.of("all", "in", "out").contains(query.direction()) || query.page() < 2 || query.page() > MAX_PAGE
          || query.limit() < 1 || query.limit() > MAX_LIMIT) {
        throw new IllegalArgumentException("not a history cursor");
      }
      return query;
    }
  }

  private HistoryQuery query(RoutingContext ctx) {
    LocalDate today = time.today();
    String cursor = QueryParams.string(ctx, "cursor");
    if (cursor != null) {
      HistoryQuery query;
      try {
        query = HistoryQuery.fromJson(new JsonObject(cursors.open(cursor)));
      } catch (RuntimeException e) {
        throw e instanceof io.vertx.serviceproxy.ServiceException ? e
            : Failures.invalid("cursor", "is not a cursor this API returned");
      }
      List<FieldError> errors = new ArrayList<>();
      checkRange(query.from(), query.to(), today, errors);
      if (!errors.isEmpty()) {
        throw Failures.invalid("cursor", "is for a date range that can no longer be read; start again without it");
      }
      return query;
    }
    List<FieldError> errors = new ArrayList<>();
    // The contract has checked direction's values, limit's range and the days' form.
    BankDays days = BankDays.asked(ctx, today, errors);
    String direction = QueryParams.string(ctx, "direction", "all");
    int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT);
    if (days != null) {
      checkRange(days.from(), days.to(), today, errors);
    }
    if (!errors.isEmpty()) {
      throw Failures.invalid(errors);
    }
    return new HistoryQuery(days.from(), days.to(), direction, limit, 1);
  }

  private static void checkRange(LocalDate from, LocalDate to, LocalDate today, List<FieldError> errors) {
    int before = errors.size();
    BankDays.check(from, to, today, errors);
    // NH keeps a year of lines: one more rule than KFTC's.
    if (errors.size() == before && from != null && to != null && from.isBefore(today.minusDays(MAX_DAYS_BACK))) {
      errors.add(new FieldError("from", "must be at most " + MAX_DAYS_BACK + " days back (NH keeps no older lines)"));
    }
  }



  /** The contract has checked it is an id (one that is not is the 404 of a missing FinAccount). */
  private static String id(RoutingContext ctx) {
    return ctx.pathParam("finAccountId");
  }
}
