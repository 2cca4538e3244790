package io.shpay.sandbox.kftc;

import io.shpay.sandbox.KoreanWire;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /v2.0/account/transaction_list/fin_num}: an account's history by date (or date and
 * time) range, in or out or both, newest or oldest first, 25 lines a page. The paging cursor
 * ({@code befor_inquiry_trace_info}) names the last line sent, so lines written between two pages
 * neither repeat nor vanish. Sandbox choice (spec): at most 3 months a query.
 */
final class TransactionListEndpoint {

  static final String PATH = "/v2.0/account/transaction_list/fin_num";
  static final int PAGE_SIZE = 25;

  private static final Pattern CURSOR = Pattern.compile("\\d{20}");
  private static final Comparator<Transaction> OLDEST_FIRST =
      Comparator.comparing(Transaction::at).thenComparingLong(Transaction::seq);

  private final Bank bank;
  private final BearerGuard guard;
  private final BankTranIds bankTranIds;

  TransactionListEndpoint(Bank bank, BearerGuard guard, BankTranIds bankTranIds) {
    this.bank = bank;
    this.guard = guard;
    this.bankTranIds = bankTranIds;
  }

  void mount(Router router, KftcCalls calls) {
    router.get(PATH).handler(calls.bank(this::transactionList));
    router.route(PATH).handler(calls.bank(KftcCalls::methodNotAllowed));
  }

  private Reply transactionList(Exchange ex) {
    Tokens.AccessGrant grant = guard.user(ex, Scopes.INQUIRY);
    String bankTranId = bankTranIds.checkFormat(ex.query("bank_tran_id"));
    ex.bankTranId(bankTranId);
    Wire.dtime(ex.query("tran_dtime"), "tran_dtime");
    String fintechUseNum = Fields.fintechUseNum(ex.query("fintech_use_num"));
    String inquiryType = Fields.oneOf(ex.query("inquiry_type"), "inquiry_type", "A", "I", "O");
    String inquiryBase = Fields.oneOf(ex.query("inquiry_base"), "inquiry_base", "D", "T");
    boolean newestFirst = Fields.oneOf(ex.query("sort_order"), "sort_order", "D", "A").equals("D");
    LocalDate fromDate = Wire.date(ex.query("from_date"), "from_date");
    LocalDate toDate = Wire.date(ex.query("to_date"), "to_date");
    LocalDateTime from = inquiryBase.equals("T")
        ? fromDate.atTime(Wire.time(ex.query("from_time"), "from_time")) : fromDate.atStartOfDay();
    LocalDateTime to = inquiryBase.equals("T")
        ? toDate.atTime(Wire.time(ex.query("to_time"), "to_time")) : toDate.atTime(LocalTime.MAX);
    if (from.isAfter(to)) {
      throw KftcError.format("from_date must not be after to_date");
    }
    if (fromDate.isBefore(toDate.minusMonths(3))) {
      throw KftcError.format("the sandbox answers at most 3 months a query (from_date to to_date)");
    }
    String cursor = ex.query("befor_inquiry_trace_info");
    if (cursor != null && !cursor.isEmpty() && !CURSOR.matcher(cursor).matches()) {
      throw KftcError.format("befor_inquiry_trace_info must be the value of the previous page");
    }
    bankTranIds.use(bankTranId);
    Account account = bank.account(fintechUseNum, grant.userSeqNo());
    ex.bankCodeTran(account.bankCodeStd);

    Comparator<Transaction> order = newestFirst ? OLDEST_FIRST.reversed() : OLDEST_FIRST;
    Transaction after = cursor == null || cursor.isEmpty() ? null : lineOf(account, cursor);
    List<Transaction> matching = account.history().stream()
        .filter(line -> !line.at().isBefore(from) && !line.at().isAfter(to))
        .filter(line -> inquiryType.equals("A") || line.deposit() == inquiryType.equals("I"))
        .filter(line -> after == null || order.compare(line, after) > 0)
        .sorted(order)
        .limit(PAGE_SIZE + 1L)
        .toList();
    List<Transaction> page = matching.subList(0, Math.min(PAGE_SIZE, matching.size()));

    JsonArray lines = new JsonArray();
    page.forEach(line -> lines.add(json(line)));
    String next = page.isEmpty() ? (cursor == null ? "" : cursor) : cursorOf(page.get(page.size() - 1));
    return Reply.json(ex.bankOk()
        .put("bank_name", account.bankName)
        .put("savings_bank_name", "")
        .put("fintech_use_num", account.fintechUseNum)
        .put("balance_amt", String.valueOf(account.balance()))
        .put("page_record_cnt", String.valueOf(page.size()))
        .put("next_page_yn", matching.size() > PAGE_SIZE ? "Y" : "N")
        .put("befor_inquiry_trace_info", next)
        .put("res_list", lines));
  }

  private static Transaction lineOf(Account account, String cursor) {
    long seq;
    try {
      seq = Long.parseLong(cursor);
    } catch (NumberFormatException e) {
      throw KftcError.format("befor_inquiry_trace_info must be the value of the previous page");
    }
    return account.history().stream().filter(line -> line.seq() == seq).findFirst()
        .orElseThrow(() -> KftcError.format("befor_inquiry_trace_info does not belong to this account"));
  }

  private static String cursorOf(Transaction line) {
    return String.format("%020d", line.seq());
  }

  private static JsonObject json(Transaction line) {
    return new JsonObject()
        .put("tran_date", KoreanWire.DATE.format(line.at()))
        .put("tran_time", KoreanWire.TIME.format(line.at()))
        .put("inout_type", line.inoutType())
        .put("tran_type", line.tranType())
        .put("print_content", line.printContent())
        .put("tran_amt", String.valueOf(line.amount()))
        .put("after_balance_amt", String.valueOf(line.afterBalance()))
        .put("branch_name", line.branchName());
  }
}
