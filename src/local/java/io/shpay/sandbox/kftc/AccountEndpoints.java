package io.shpay.sandbox.kftc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /v2.0/user/me}, {@code GET /v2.0/account/list} and
 * {@code GET /v2.0/account/balance/fin_num}. A person's token sees only that person: another
 * {@code user_seq_no} is A0004, another person's {@code fintech_use_num} the same 412 as an
 * unknown one (see {@link Bank#account}).
 */
final class AccountEndpoints {

  static final String USER_ME = "/v2.0/user/me";
  static final String ACCOUNT_LIST = "/v2.0/account/list";
  static final String BALANCE = "/v2.0/account/balance/fin_num";

  private final Bank bank;
  private final BearerGuard guard;
  private final BankTranIds bankTranIds;
  /** Consent time shown on every account: the sandbox's start, as if each person agreed then. */
  private final String agreedAt;

  AccountEndpoints(Bank bank, BearerGuard guard, BankTranIds bankTranIds, String agreedAt) {
    this.bank = bank;
    this.guard = guard;
    this.bankTranIds = bankTranIds;
    this.agreedAt = agreedAt;
  }

  void mount(Router router, KftcCalls calls) {
    router.get(USER_ME).handler(calls.plain(this::userMe));
    router.get(ACCOUNT_LIST).handler(calls.plain(this::accountList));
    router.get(BALANCE).handler(calls.bank(this::balance));
    for (String path : List.of(USER_ME, ACCOUNT_LIST, BALANCE)) {
      router.route(path).handler(calls.plain(KftcCalls::methodNotAllowed));
    }
  }

  private Reply userMe(Exchange ex) {
    Person person = ownPerson(ex);
    return Reply.json(ex.ok()
        .put("user_seq_no", person.userSeqNo())
        .put("user_ci", person.userCi())
        .put("user_name", person.userName())
        .put("res_cnt", String.valueOf(bank.registeredAccountsOf(person).size()))
        .put("res_list", accounts(bank.registeredAccountsOf(person))));
  }

  private Reply accountList(Exchange ex) {
    Person person = ownPerson(ex);
    boolean includeCancelled = Fields.oneOf(ex.query("include_cancel_yn"), "include_cancel_yn", "Y", "N").equals("Y");
    String sortOrder = Fields.oneOf(ex.query("sort_order"), "sort_order", "D", "A");
    // Registration order; closed accounts and those withdrawn from this institution only with include_cancel_yn=Y.
    List<Account> accounts = new ArrayList<>(includeCancelled ? bank.accountsOf(person) : bank.registeredAccountsOf(person));
    if (sortOrder.equals("D")) {
      Collections.reverse(accounts);
    }
    return Reply.json(ex.ok()
        .put("user_name", person.userName())
        .put("res_cnt", String.valueOf(accounts.size()))
        .put("res_list", accounts(accounts)));
  }

  private Reply balance(Exchange ex) {
    Tokens.AccessGrant grant = guard.user(ex, Scopes.INQUIRY);
    String bankTranId = bankTranIds.checkFormat(ex.query("bank_tran_id"));
    ex.bankTranId(bankTranId);
    Wire.dtime(ex.query("tran_dtime"), "tran_dtime");
    String fintechUseNum = Fields.fintechUseNum(ex.query("fintech_use_num"));
    bankTranIds.use(bankTranId);
    Account account = bank.account(fintechUseNum, grant.userSeqNo());
    ex.bankCodeTran(account.bankCodeStd);
    String balance = String.valueOf(account.balance());
    return Reply.json(ex.bankOk()
        .put("bank_name", account.bankName)
        .put("savings_bank_name", "")
        .put("fintech_use_num", account.fintechUseNum)
        .put("balance_amt", balance)
        .put("available_amt", balance)
        .put("account_type", account.accountType)
        .put("product_name", account.productName)
        .put("account_issue_date", account.accountIssueDate)
        .put("maturity_date", "")
        .put("last_tran_date", account.lastTranDate()));
  }

  /** The person of the token, who must be the one the request names. */
  private Person ownPerson(Exchange ex) {
    Tokens.AccessGrant grant = guard.user(ex, null);
    String userSeqNo = Fields.userSeqNo(ex.query("user_seq_no"));
    if (!userSeqNo.equals(grant.userSeqNo())) {
      throw KftcError.format("user_seq_no does not belong to this access token");
    }
    return bank.person(userSeqNo).orElseThrow(() -> KftcError.format("user_seq_no is not registered"));
  }

  private JsonArray accounts(List<Account> accounts) {
    JsonArray list = new JsonArray();
    for (Account account : accounts) {
      list.add(new JsonObject()
          .put("fintech_use_num", account.fintechUseNum)
          .put("account_alias", account.accountAlias)
          .put("bank_code_std", account.bankCodeStd)
          .put("bank_code_sub", account.bankCodeSub)
          .put("bank_name", account.bankName)
          .put("savings_bank_name", "")
          .put("account_num_masked", account.accountNumMasked)
          .put("account_seq", account.accountSeq)
          .put("account_holder_name", account.accountHolderName)
          .put("account_holder_type", "P")
          .put("account_type", account.accountType)
          .put("inquiry_agree_yn", "Y")
          .put("inquiry_agree_dtime", agreedAt)
          .put("transfer_agree_yn", "Y")
          .put("transfer_agree_dtime", agreedAt));
    }
    return list;
  }
}
