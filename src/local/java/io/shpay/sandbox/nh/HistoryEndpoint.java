package io.shpay.sandbox.nh;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * {@code InquireTransactionHistory}: an NH account's lines between two days, deposits
 * ({@code TrnsDsnc} M), withdrawals (D) or all (A), oldest ({@code Lnsq} ASC) or newest (DESC)
 * first, {@code Dmcnt} lines a page. Every line carries as {@code Tuno} the IsTuno of the request
 * that wrote it (sandbox choice, spec), so a client can find the outcome of a transfer whose
 * answer was lost without sending it again.
 *
 * <p>Paging is by page number, as at NH: a line written between two requests shifts the pages
 * after it, so a client looking for one transfer should read newest first. Sandbox choices: at
 * most 3 months a query, {@code Insymd} at most a year back, and an {@code Ineymd} after today
 * is allowed (it simply finds nothing more), because a client asking "the day of the transfer and
 * the next" should not fail on the day itself.
 */
final class HistoryEndpoint {

  static final int MAX_PAGE_SIZE = 100;

  private static final Comparator<HistoryLine> OLDEST_FIRST =
      Comparator.comparing(HistoryLine::at).thenComparingLong(HistoryLine::seq);

  private final Bank bank;

  HistoryEndpoint(Bank bank) {
    this.bank = bank;
  }

  void register(NhCalls calls) {
    calls.register(ApiNames.HISTORY, this::history);
  }

  private JsonObject history(Exchange ex) {
    JsonObject body = ex.body();
    String bankCode = Fields.bankCode(body);
    String accountNumber = Fields.accountNumber(body);
    LocalDate from = Wire.date(Fields.string(body, "Insymd"), "Insymd");
    LocalDate to = Wire.date(Fields.string(body, "Ineymd"), "Ineymd");
    String kind = Fields.oneOf(body, "TrnsDsnc", "A", "M", "D");
    boolean newestFirst = Fields.oneOf(body, "Lnsq", "ASC", "DESC").equals("DESC");
    int pageNo = Fields.number(body, "PageNo", 1, 99_999);
    int pageSize = Fields.number(body, "Dmcnt", 1, MAX_PAGE_SIZE);
    if (from.isAfter(to)) {
      throw NhError.field("Insymd must not be after Ineymd");
    }
    if (from.isBefore(to.minusMonths(3))) {
      throw NhError.field("Insymd to Ineymd must be at most 3 months");
    }
    if (from.isBefore(ex.now().toLocalDate().minusYears(1))) {
      throw NhError.field("Insymd must be at most 1 year back");
    }

    Ledger ledger = bank.existing(bankCode, accountNumber);
    List<HistoryLine> matching = ledger.history().stream()
        .filter(line -> !line.at().toLocalDate().isBefore(from) && !line.at().toLocalDate().isAfter(to))
        .filter(line -> kind.equals("A") || line.deposit() == kind.equals("M"))
        .sorted(newestFirst ? OLDEST_FIRST.reversed() : OLDEST_FIRST)
        .toList();
    long skipped = (long) (pageNo - 1) * pageSize;
    List<HistoryLine> page = matching.stream().skip(skipped).limit(pageSize).toList();

    JsonArray records = new JsonArray();
    page.forEach(line -> records.add(json(line)));
    return new JsonObject()
        .put("CtntDataYn", skipped + page.size() < matching.size() ? "Y" : "N")
        .put("TotCnt", Integer.toString(matching.size()))
        .put("Iqtcnt", Integer.toString(page.size()))
        .put("REC", records);
  }

  private static JsonObject json(HistoryLine line) {
    return new JsonObject()
        .put("Trdd", KoreanWire.DATE.format(line.at()))
        .put("Txtm", KoreanWire.TIME.format(line.at()))
        .put("MnrcDrotDsnc", line.mnrcDrotDsnc())
        .put("Tram", Long.toString(line.amount()))
        .put("AftrBlnc", Long.toString(line.afterBalance()))
        .put("Smr", line.summary())
        .put("Ccyn", "0")
        .put("Tuno", line.tuno());
  }
}
