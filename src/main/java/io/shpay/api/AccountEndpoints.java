package io.shpay.api;

import io.shpay.common.error.Failures;
import io.shpay.common.error.FieldError;
import io.shpay.common.time.BankTime;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.openbanking.TransactionQuery;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /api/v1/accounts}: the caller's linked accounts, main account, balances and transactions. */
final class AccountEndpoints {

  /** KFTC answers at most about three months per query. */

  private final OpenBankingService openBanking;
  private final Authentication authentication;
  private final BankTime time;
  private final BankReads bankReads;
  private final CursorSeal cursors;

  /** Reads that go to the bank ({@code ?fresh=true}, transaction pages) cost a KFTC call each: limited per user. */
  AccountEndpoints(OpenBankingService openBanking, Authentication authentication, Clock clock, BankReads bankReads,
      CursorSeal cursors) {
    this.openBanking = openBanking;
    this.authentication = authentication;
    this.time = new BankTime(clock);
    this.bankReads = bankReads;
    this.cursors = cursors;
  }

  void mount(ApiOperations operations) {
    operations.on("listAccounts")
        .respond(ctx -> openBanking.accounts(Caller.of(ctx).userId()).map(OpenBankingEndpoints::accounts));
    operations.on("chooseMainAccount")
        .respond(ctx -> openBanking.chooseMainAccount(Caller.of(ctx).userId(), accountId(ctx)).map(AccountJson::account));
    operations.on("syncAccounts").respond(ctx -> openBanking.syncAccounts(Caller.of(ctx).userId()).map(AccountJson::synced));
    operations.on("unlinkAccount")
        .respond(ctx -> openBanking.unlinkAccount(Caller.of(ctx).userId(), accountId(ctx)).map(unlinked -> {
          ctx.response().setStatusCode(204);
          return (JsonObject) null;
        }));
    operations.on("listBalances").respond(ctx -> openBanking.balances(Caller.of(ctx).userId()).map(AccountJson::balances));
    operations.on("renameAccount").respond(this::rename);
    operations.on("getBalance").respond(this::balance);
    operations.on("listTransactions").respond(this::transactions);
  }


  static final int MAX_ALIAS = 20;

  private Future<JsonObject> rename(RoutingContext ctx) {
    String accountId = accountId(ctx);
    var body = Requests.json(ctx, java.util.Set.of("alias"));
    String alias = body.optionalString("alias", 1, MAX_ALIAS);
    if (alias != null && alias.chars().anyMatch(Character::isISOControl)) {
      body.reject("alias", "must not contain control characters");
    }
    if (!ctx.body().asJsonObject().containsKey("alias")) {
      body.reject("alias", "is required (null shows the bank's alias again)");
    }
    body.validate();
    return openBanking.renameAccount(Caller.of(ctx).userId(), accountId, alias).map(AccountJson::account);
  }

  private Future<JsonObject> balance(RoutingContext ctx) {
    String userId = Caller.of(ctx).userId();
    String accountId = accountId(ctx);
    boolean fresh = QueryParams.flag(ctx, "fresh");
    return bankReads.admitIf(fresh, userId)
        .compose(ignored -> openBanking.balance(userId, accountId, fresh)).map(AccountJson::balance);
  }

  private Future<JsonObject> transactions(RoutingContext ctx) {
    String userId = Caller.of(ctx).userId();
    String accountId = accountId(ctx);
    TransactionQuery query = query(ctx);
    return bankReads.admit(userId)
        .compose(ignored -> openBanking.transactions(userId, accountId, query)).map(page -> new JsonObject()
            .put("items", AccountJson.transactions(page.items()))
            .put("nextCursor", page.nextContinuation() == null ? null
                : cursors.seal(encode(query, page.nextContinuation()))));
  }

  /** The contract has checked it is an id (one that is not is the 404 of a missing account). */
  private static String accountId(RoutingContext ctx) {
    return ctx.pathParam("accountId");
  }



  private TransactionQuery query(RoutingContext ctx) {
    String cursor = QueryParams.string(ctx, "cursor");
    if (cursor != null) {
      TransactionQuery query = decode(cursors.open(cursor));
      // A cursor is signed, but it may be old: the range is checked again against today.
      List<FieldError> errors = new ArrayList<>();
      BankDays.check(query.from(), query.to(), time.today(), errors);
      if (!errors.isEmpty()) {
        throw Failures.invalid("cursor", "is for a date range that can no longer be read; start again without it");
      }
      return query;
    }
    List<FieldError> errors = new ArrayList<>();
    LocalDate today = time.today();
    BankDays days = BankDays.asked(ctx, today, errors);
    // The contract allows all, in and out only.
    TransactionQuery.Direction direction = TransactionQuery.Direction.valueOf(
        QueryParams.string(ctx, "direction", "all").toUpperCase(Locale.ROOT));
    if (days != null) {
      BankDays.check(days.from(), days.to(), today, errors);
    }
    if (!errors.isEmpty()) {
      throw Failures.invalid(errors);
    }
    return TransactionQuery.of(days.from(), days.to(), direction, null);
  }





  /** The query and KFTC's continuation, so the next page asks the same question; {@link CursorSeal} signs it. */
  static String encode(TransactionQuery query, String continuation) {
    return TransactionQuery.of(query.from(), query.to(), query.direction(), continuation).toJson().encode();
  }

  static TransactionQuery decode(String payload) {
    try {
      TransactionQuery query = new TransactionQuery(new JsonObject(payload));
      // Read every field now, so a cursor that does not parse fails here as a 400 and not later as a 500.
      query.from();
      query.to();
      query.direction();
      if (query.continuation() == null || query.continuation().length() > 200) {
        throw new IllegalArgumentException("no continuation");
      }
      return query;
    } catch (RuntimeException e) {
      throw Failures.invalid("cursor", "is not a cursor this API returned");
    }
  }
}
