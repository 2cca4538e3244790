package io.shpay.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The tools the assistant may use, as OpenAI function schemas. All of them only read, and none
 * takes a user: every tool acts for the signed-in caller, whatever the model writes.
 */
final class ToolCatalog {

  static final String LIST_ACCOUNTS = "list_accounts";
  static final String GET_BALANCE = "get_balance";
  static final String LIST_TRANSACTIONS = "list_transactions";
  static final String LIST_PAYMENTS = "list_payments";
  static final String EXPLAIN_TERM = "explain_term";

  static final List<String> NAMES = List.of(LIST_ACCOUNTS, GET_BALANCE, LIST_TRANSACTIONS, LIST_PAYMENTS, EXPLAIN_TERM);

  private static final JsonObject DATE = new JsonObject().put("type", "string").put("format", "date")
      .put("description", "A day in Asia/Seoul, YYYY-MM-DD");
  private static final JsonObject ACCOUNT_ID = new JsonObject().put("type", "string")
      .put("description", "An account id from list_accounts");
  private static final JsonObject BANK = new JsonObject().put("type", "string")
      .put("description", "A bank name as the user said it, e.g. 신한은행 or KB; used when no account_id is given");

  private ToolCatalog() {}

  /** The {@code tools} array of a Chat Completions request. */
  static JsonArray schemas() {
    return new JsonArray()
        .add(function(LIST_ACCOUNTS, "List the user's linked bank accounts (id, bank, alias, masked number, main).",
            new JsonObject(), List.of()))
        .add(function(GET_BALANCE, "Get the balance of the user's accounts: one by account_id, those at a bank, "
                + "or all when neither is given.",
            new JsonObject().put("account_id", ACCOUNT_ID).put("bank", BANK), List.of()))
        .add(function(LIST_TRANSACTIONS, "List deposits and withdrawals of one of the user's accounts over a date "
                + "range of at most 92 days (default: the last 30 days; the main account when none is named).",
            new JsonObject().put("account_id", ACCOUNT_ID).put("bank", BANK).put("from", DATE).put("to", DATE)
                .put("direction", new JsonObject().put("type", "string").put("enum", new JsonArray().add("all").add("in").add("out"))
                    .put("description", "in: money received, out: money spent or sent")),
            List.of()))
        .add(function(LIST_PAYMENTS, "List the user's SH Pay payments at partner shops, newest first, by status and "
                + "date range (default: the last 30 days).",
            new JsonObject()
                .put("status", new JsonObject().put("type", "string")
                    .put("enum", new JsonArray().add("APPROVED").add("FAILED").add("UNKNOWN").add("REQUESTED")))
                .put("from", DATE).put("to", DATE),
            List.of()))
        .add(function(EXPLAIN_TERM, "Explain a finance or banking term from SH Pay's glossary (Korean or English).",
            new JsonObject().put("term", new JsonObject().put("type", "string").put("description", "The term, e.g. 핀테크이용번호 or APR")),
            List.of("term")));
  }

  private static JsonObject function(String name, String description, JsonObject properties, List<String> required) {
    return new JsonObject().put("type", "function").put("function", new JsonObject()
        .put("name", name)
        .put("description", description)
        .put("parameters", new JsonObject()
            .put("type", "object")
            .put("properties", properties)
            .put("required", new JsonArray(required))
            .put("additionalProperties", false)));
  }
}
