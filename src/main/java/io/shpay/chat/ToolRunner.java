package io.shpay.chat;

import io.shpay.common.error.ErrorCode;
import io.shpay.common.time.BankTime;
import io.shpay.openbanking.AccountTransaction;
import io.shpay.openbanking.AccountView;
import io.shpay.openbanking.OpenBankingService;
import io.shpay.openbanking.TransactionQuery;
import io.shpay.payment.PaymentRecord;
import io.shpay.payment.PaymentService;
import io.shpay.payment.PaymentStatus;
import io.shpay.payment.UserPaymentQuery;
import io.shpay.payment.UserPayment;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs the assistant's tools for one signed-in user. The user id comes from the authenticated
 * session, never from the model: tool arguments cannot name a user, and an account id that is not
 * among the caller's own linked accounts is refused before any bank is asked. Every call, refused
 * ones too, is written to the audit before its result is used. A tool never fails the chat: its
 * problems become an {@code {error, message}} result the model can explain.
 */
final class ToolRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ToolRunner.class);
  static final int MAX_ITEMS = 20;

  /** Who the tools act for: taken from the verified access token by the API. */
  record Session(String userId, String conversationId) {}

  private final OpenBankingService openBanking;
  private final PaymentService payments;
  private final Glossary glossary;
  private final ToolAudit audit;
  private final BankTime time;

  ToolRunner(OpenBankingService openBanking, PaymentService payments, Glossary glossary, ToolAudit audit, BankTime time) {
    this.openBanking = openBanking;
    this.payments = payments;
    this.glossary = glossary;
    this.audit = audit;
    this.time = time;
  }

  /** Runs a tool the model asked for, with its JSON-text arguments. */
  Future<ToolResult> run(Session session, String tool, String argumentsJson) {
    JsonObject args;
    try {
      args = argumentsJson == null || argumentsJson.isBlank() ? new JsonObject() : new JsonObject(argumentsJson);
    } catch (DecodeException e) {
      return audited(session, Future.succeededFuture(
          ToolResult.failed(tool, List.of(), "invalid_arguments", "The arguments are not a JSON object.")));
    }
    return run(session, tool, args);
  }

  Future<ToolResult> run(Session session, String tool, JsonObject args) {
    Future<ToolResult> result = switch (tool) {
      case ToolCatalog.LIST_ACCOUNTS -> listAccounts(session);
      case ToolCatalog.GET_BALANCE -> balance(session, args);
      case ToolCatalog.LIST_TRANSACTIONS -> transactions(session, args);
      case ToolCatalog.LIST_PAYMENTS -> payments(session, args);
      case ToolCatalog.EXPLAIN_TERM -> explain(args);
      default -> Future.succeededFuture(ToolResult.failed(tool, List.of(), "unknown_tool",
          "There is no tool called " + tool + "; the tools are " + ToolCatalog.NAMES + "."));
    };
    Future<ToolResult> safe = result.recover(failure -> Future.succeededFuture(fromFailure(tool, failure)));
    return audited(session, safe);
  }

  private Future<ToolResult> audited(Session session, Future<ToolResult> result) {
    return result.compose(done -> audit.record(session.userId(), session.conversationId(), done)
        .map(done)
        .recover(failure -> {
          LOG.warn("Could not audit the {} tool call; its result is withheld: {}", done.tool(), failure.getMessage());
          return Future.succeededFuture(ToolResult.failed(done.tool(), List.of(), "unavailable",
              "This look-up is not available right now."));
        }));
  }

  private Future<ToolResult> listAccounts(Session session) {
    return openBanking.accounts(session.userId()).map(accounts -> {
      JsonArray items = new JsonArray();
      accounts.forEach(account -> items.add(describe(account)));
      return ToolResult.ok(ToolCatalog.LIST_ACCOUNTS, accounts.stream().map(AccountView::id).toList(),
          new JsonObject().put("accounts", items).put("count", items.size()));
    });
  }

  private Future<ToolResult> balance(Session session, JsonObject args) {
    return chooseAccounts(session, ToolCatalog.GET_BALANCE, args, true).compose(choice -> {
      if (choice.refusal() != null) {
        return Future.succeededFuture(choice.refusal());
      }
      List<Future<JsonObject>> balances = new ArrayList<>();
      for (AccountView account : choice.accounts()) {
        balances.add(openBanking.balance(session.userId(), account.id(), false)
            .map(balance -> describe(account).put("balance", balance.balance())
                .put("available", balance.available())
                .put("currency", "KRW")
                .put("as_of", balance.asOf().toString())
                .put("stale", balance.stale())));
      }
      return Future.all(balances).map(all -> {
        JsonArray items = new JsonArray();
        long total = 0;
        for (Future<JsonObject> one : balances) {
          items.add(one.result());
          total += one.result().getLong("balance");
        }
        return ToolResult.ok(ToolCatalog.GET_BALANCE, ids(choice.accounts()),
            new JsonObject().put("balances", items).put("total", total).put("currency", "KRW"));
      });
    });
  }

  private Future<ToolResult> transactions(Session session, JsonObject args) {
    LocalDate today = time.today();
    Optional<DateRanges.Range> range;
    TransactionQuery.Direction direction;
    try {
      range = range(args, today);
      direction = TransactionQuery.Direction.valueOf(args.getString("direction", "all").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | DateTimeParseException | ClassCastException e) {
      return Future.succeededFuture(ToolResult.failed(ToolCatalog.LIST_TRANSACTIONS, List.of(), "invalid_arguments",
          "Dates must look like 2026-11-21 and direction must be all, in or out."));
    }
    DateRanges.Range days = range.orElse(lastDays(today));
    return chooseAccounts(session, ToolCatalog.LIST_TRANSACTIONS, args, false).compose(choice -> {
      if (choice.refusal() != null) {
        return Future.succeededFuture(choice.refusal());
      }
      AccountView account = choice.accounts().get(0);
      return openBanking.transactions(session.userId(), account.id(),
          TransactionQuery.of(days.from(), days.to(), direction, null)).map(page -> {
            List<AccountTransaction> all = page.items();
            JsonArray items = new JsonArray();
            long in = 0;
            long out = 0;
            for (int i = 0; i < all.size(); i++) {
              AccountTransaction line = all.get(i);
              if (line.direction() == AccountTransaction.Direction.IN) {
                in += line.amount();
              } else if (line.direction() == AccountTransaction.Direction.OUT) {
                out += line.amount();
              }
              if (i < MAX_ITEMS) {
                items.add(toolLine(line));
              }
            }
            return ToolResult.ok(ToolCatalog.LIST_TRANSACTIONS, List.of(account.id()), describe(account)
                .put("from", days.from().toString()).put("to", days.to().toString())
                .put("direction", direction.name().toLowerCase(Locale.ROOT))
                .put("count", all.size()).put("total_in", in).put("total_out", out)
                .put("items", items)
                .put("more", all.size() > MAX_ITEMS || page.nextContinuation() != null));
          });
    });
  }

  private Future<ToolResult> payments(Session session, JsonObject args) {
    LocalDate today = time.today();
    PaymentStatus status;
    DateRanges.Range days;
    try {
      status = args.getString("status") == null ? null
          : PaymentStatus.valueOf(args.getString("status").toUpperCase(Locale.ROOT));
      days = range(args, today).orElse(lastDays(today));
    } catch (IllegalArgumentException | DateTimeParseException | ClassCastException e) {
      return Future.succeededFuture(ToolResult.failed(ToolCatalog.LIST_PAYMENTS, List.of(), "invalid_arguments",
          "Dates must look like 2026-11-21 and status must be REQUESTED, APPROVED, FAILED or UNKNOWN."));
    }
    return payments.listUserPayments(session.userId(), new UserPaymentQuery(status, days.from(), days.to(), MAX_ITEMS))
        .map(page -> {
          JsonArray items = new JsonArray();
          long approved = 0;
          for (UserPayment listed : page) {
            PaymentRecord p = listed.payment();
            items.add(new JsonObject()
                .put("merchant", listed.merchantName())
                .put("item", listed.itemName())
                .put("amount", p.amount())
                .put("refunded", p.refundedAmount())
                .put("status", p.status().name())
                .put("created_at", p.createdAt().toString()));
            if (p.status() == PaymentStatus.APPROVED) {
              approved += p.amount() - p.refundedAmount();
            }
          }
          return ToolResult.ok(ToolCatalog.LIST_PAYMENTS, List.of(), new JsonObject()
              .put("from", days.from().toString()).put("to", days.to().toString()).put("status", status == null ? null : status.name())
              .put("count", items.size()).put("total_approved", approved).put("currency", "KRW").put("items", items));
        });
  }

  private Future<ToolResult> explain(JsonObject args) {
    String term = args.getValue("term") instanceof String text ? text : "";
    return Future.succeededFuture(glossary.lookup(term)
        .map(found -> ToolResult.ok(ToolCatalog.EXPLAIN_TERM, List.of(), found.toJson()))
        .orElseGet(() -> ToolResult.failed(ToolCatalog.EXPLAIN_TERM, List.of(), "unknown_term",
            "The glossary has no entry for this term.")));
  }

  private record Choice(List<AccountView> accounts, ToolResult refusal) {}

  /**
   * The caller's accounts a tool should read: the one named by {@code account_id} (only if it is
   * the caller's own), those at the named bank, or all ({@code many}) / the main one.
   */
  private Future<Choice> chooseAccounts(Session session, String tool, JsonObject args, boolean many) {
    Object rawId = args.getValue("account_id");
    Object rawBank = args.getValue("bank");
    return openBanking.accounts(session.userId()).map(accounts -> {
      if (rawId != null && !String.valueOf(rawId).isBlank()) {
        String requested = String.valueOf(rawId).trim();
        return accounts.stream().filter(a -> a.id().equals(requested)).findFirst()
            .map(a -> new Choice(List.of(a), null))
            .orElseGet(() -> new Choice(List.of(), ToolResult.refused(tool, java.util.Collections.singletonList(requested),
                "not_your_account", "That account is not one of the user's linked accounts. The assistant can only "
                    + "read the signed-in user's own accounts; other people's data is never available.")));
      }
      if (accounts.isEmpty()) {
        return new Choice(List.of(), ToolResult.failed(tool, List.of(), "no_accounts",
            "The user has not linked any bank account yet (open banking consent is needed first)."));
      }
      List<AccountView> chosen = accounts;
      if (rawBank != null && !String.valueOf(rawBank).isBlank()) {
        Optional<BankNames.Bank> bank = BankNames.find(String.valueOf(rawBank));
        chosen = bank.map(b -> accounts.stream().filter(a -> b.code().equals(a.bankCode())).toList())
            .orElse(List.of());
        if (chosen.isEmpty()) {
          return new Choice(List.of(), ToolResult.failed(tool, List.of(), "no_account_at_bank",
              "The user has no linked account at " + rawBank + ". Linked banks: "
                  + accounts.stream().map(AccountView::bankName).distinct().toList() + "."));
        }
      }
      if (!many) {
        chosen = List.of(chosen.stream().filter(AccountView::main).findFirst().orElse(chosen.get(0)));
      }
      return new Choice(chosen, null);
    });
  }

  /** The range read when the model names none: the bank's default, up to today. */
  private static DateRanges.Range lastDays(LocalDate today) {
    return new DateRanges.Range(today.minusDays(TransactionQuery.DEFAULT_RANGE_DAYS), today);
  }

  /** The range the model asked for, clamped to the bank's rules (where the REST API would refuse it). */
  private static Optional<DateRanges.Range> range(JsonObject args, LocalDate today) {
    String fromText = args.getString("from");
    String toText = args.getString("to");
    if (fromText == null && toText == null) {
      return Optional.empty();
    }
    LocalDate to = toText == null ? today : LocalDate.parse(toText);
    if (to.isAfter(today)) {
      to = today;
    }
    LocalDate from = fromText == null ? to.minusDays(TransactionQuery.DEFAULT_RANGE_DAYS) : LocalDate.parse(fromText);
    if (from.isAfter(to)) {
      from = to;
    }
    return Optional.of(new DateRanges.Range(from, to).clampedTo(TransactionQuery.MAX_RANGE_DAYS));
  }

  /** A transaction line as the tool shows it to the model (the same fields the REST page has). */
  private static JsonObject toolLine(AccountTransaction line) {
    return new JsonObject()
        .put("date", line.date())
        .put("time", line.time())
        .put("direction", line.direction().name())
        .put("type", line.type())
        .put("description", line.description())
        .put("amount", line.amount())
        .put("balanceAfter", line.balanceAfter());
  }

  private static JsonObject describe(AccountView account) {
    return new JsonObject()
        .put("account_id", account.id())
        .put("bank", account.bankName())
        .put("bank_code", account.bankCode())
        .put("alias", account.alias())
        .put("number", account.accountNumMasked())
        .put("main", account.main());
  }

  private static List<String> ids(List<AccountView> accounts) {
    return accounts.stream().map(AccountView::id).toList();
  }

  private static ToolResult fromFailure(String tool, Throwable failure) {
    if (failure instanceof ServiceException service) {
      Optional<ErrorCode> code = ErrorCode.fromBusCode(service.failureCode());
      if (code.isPresent()) {
        return ToolResult.failed(tool, List.of(), code.get().code(), service.getMessage());
      }
    }
    if (failure instanceof ReplyException) {
      return ToolResult.failed(tool, List.of(), "unavailable", "This look-up is not available right now.");
    }
    LOG.warn("The {} tool failed unexpectedly", tool, failure);
    return ToolResult.failed(tool, List.of(), "failed", "This look-up failed.");
  }
}
