package io.shpay.payment;

import io.shpay.common.balance.BalanceCache;
import io.shpay.common.error.ErrorCode;
import io.shpay.common.error.Failures;
import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an NH FinAccount holds: its balance through NH's {@code InquireBalance}, answered from the same
 * {@link BalanceCache} as KFTC balances (at once, {@code asOf}, refreshed lazily), and its history through NH's
 * {@code InquireTransactionHistory}, a page at a time. Only a FinAccount proven its owner's may be read: until the
 * 1-won code is confirmed, it may be someone else's account that happens to carry the same holder name.
 */
final class FinAccountReader {

  /** NH's {@code Dmcnt} at most. */
  static final int MAX_PAGE_SIZE = 100;

  private final FinAccounts finAccounts;
  private final NhClient nh;
  private final IsTunos isTunos;
  private final BalanceCache cache;

  FinAccountReader(FinAccounts finAccounts, NhClient nh, IsTunos isTunos, BalanceCache cache) {
    this.finAccounts = finAccounts;
    this.nh = nh;
    this.isTunos = isTunos;
    this.cache = cache;
  }

  Future<FinAccountBalance> balance(String userId, String finAccountId, boolean fresh) {
    return readable(userId, finAccountId)
        .compose(account -> cache.balance(account.id(), fresh, () -> fromBank(account)))
        .map(view -> new FinAccountBalance(finAccountId, view.getLong("balance"), view.getLong("available"),
            Instant.parse(view.getString("asOf")), view.getBoolean("stale")));
  }

  /** One page of the lines between two Seoul days, newest first. */
  Future<FinAccountHistoryPage> history(String userId, String finAccountId, FinAccountHistoryQuery query) {
    return readable(userId, finAccountId)
        .compose(account -> isTunos.issue().compose(isTuno -> nh.call("InquireTransactionHistory", NhClient.RECEIVING,
            isTuno.id(), new JsonObject()
                .put("Bncd", account.bankCode())
                .put("Acno", account.accountNumber())
                .put("Insymd", BankTime.DATE.format(query.from()))
                .put("Ineymd", BankTime.DATE.format(query.to()))
                .put("TrnsDsnc", nhDirection(query.direction()))
                .put("Lnsq", "DESC")
                .put("PageNo", Integer.toString(query.page()))
                .put("Dmcnt", Integer.toString(Math.max(1, Math.min(query.pageSize(), MAX_PAGE_SIZE)))))))
        .recover(FinAccountReader::unreachable)
        .compose(reply -> reply.ok() ? Future.succeededFuture(page(reply.body())) : refused(reply));
  }

  /** NH's {@code TrnsDsnc}: A (all), M (deposits) or D (withdrawals). */
  private static String nhDirection(FinAccountHistoryQuery.Direction direction) {
    return switch (direction) {
      case ALL -> "A";
      case IN -> "M";
      case OUT -> "D";
    };
  }

  private Future<FinAccounts.FinAccount> readable(String userId, String finAccountId) {
    return finAccounts.owned(userId, finAccountId).compose(found -> {
      if (found.isEmpty()) {
        return Failures.fail(ErrorCode.NOT_FOUND, "No FinAccount with this id.");
      }
      return found.get().verified() ? Future.succeededFuture(found.get())
          : Failures.fail(ErrorCode.FIN_ACCOUNT_UNVERIFIED, "This FinAccount is not proven yours yet: confirm the "
              + "code of its 1-won deposit at POST /api/v1/fin-accounts/" + finAccountId + "/verify.");
    });
  }

  private Future<BalanceCache.Balance> fromBank(FinAccounts.FinAccount account) {
    return isTunos.issue()
        .compose(isTuno -> nh.call("InquireBalance", NhClient.RECEIVING, isTuno.id(),
            new JsonObject().put("FinAcno", account.finAcno())))
        .recover(FinAccountReader::unreachable)
        .compose(reply -> reply.ok()
            ? Future.succeededFuture(new BalanceCache.Balance(amount(reply.body().getString("Ldbl")),
                amount(reply.body().getString("RlpmAbamt")), cache.now()))
            : refused(reply));
  }

  private static FinAccountHistoryPage page(JsonObject body) {
    List<FinAccountLine> lines = new ArrayList<>();
    for (Object raw : body.getJsonArray("REC", new JsonArray())) {
      JsonObject line = (JsonObject) raw;
      String kind = line.getString("MnrcDrotDsnc", "");
      FinAccountLine.Direction direction = kind.equals("1") || kind.equals("2") ? FinAccountLine.Direction.IN
          : kind.equals("3") || kind.equals("4") ? FinAccountLine.Direction.OUT : FinAccountLine.Direction.OTHER;
      lines.add(new FinAccountLine(isoDate(line.getString("Trdd")), isoTime(line.getString("Txtm")), direction,
          line.getString("Smr"), amount(line.getString("Tram")), amount(line.getString("AftrBlnc")),
          "1".equals(line.getString("Ccyn"))));
    }
    return new FinAccountHistoryPage(lines, "Y".equals(body.getString("CtntDataYn")));
  }

  private static long amount(String digits) {
    return digits == null || digits.isBlank() ? 0 : Long.parseLong(digits.trim());
  }

  private static <T> Future<T> unreachable(Throwable failure) {
    return failure instanceof NhUnreachable
        ? Failures.fail(ErrorCode.BANK_UNAVAILABLE, "NH did not answer; try again later.")
        : Future.failedFuture(failure);
  }

  private static <T> Future<T> refused(NhReply reply) {
    return Failures.fail(ErrorCode.BANK_REJECTED, "NH refused: " + reply.rsms() + " (" + reply.rpcd() + ").");
  }

  private static String isoDate(String yyyymmdd) {
    return yyyymmdd == null || yyyymmdd.length() != 8 ? yyyymmdd
        : yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6);
  }

  private static String isoTime(String hhmmss) {
    return hhmmss == null || hhmmss.length() != 6 ? hhmmss
        : hhmmss.substring(0, 2) + ":" + hhmmss.substring(2, 4) + ":" + hhmmss.substring(4);
  }
}
