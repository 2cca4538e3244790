package io.shpay.chat;

import io.shpay.common.time.BankTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The assistant without a language model: it recognises what a Korean or English message asks
 * ({@link IntentParser}), looks it up with the same tools the model uses, for the signed-in user
 * only, and answers in the message's language. The local stack uses it, so it works offline.
 */
final class OfflineAssistant {

  private static final int SHOWN = 5;

  private final IntentParser parser;
  private final ToolRunner tools;
  private final BankTime time;

  OfflineAssistant(IntentParser parser, ToolRunner tools, BankTime time) {
    this.parser = parser;
    this.tools = tools;
    this.time = time;
  }

  Future<Answer> answer(ToolRunner.Session session, List<JsonObject> history, String message, ChatSink sink) {
    IntentParser.Intent intent = parser.parse(message, time.today());
    for (int i = history.size() - 1; i >= 0 && intent.kind() == IntentParser.Kind.HELP; i--) {
      if ("user".equals(history.get(i).getString("role"))) {
        intent = IntentParser.followUp(intent, parser.parse(history.get(i).getString("content", ""), time.today()));
        break;
      }
    }
    return answer(session, intent, sink);
  }

  private Future<Answer> answer(ToolRunner.Session session, IntentParser.Intent intent, ChatSink sink) {
    boolean ko = intent.korean();
    Future<Answer> answer = switch (intent.kind()) {
      case IDENTITY -> words(ko ? "저는 SH Pay의 AI 어시스턴트예요. 사람이 아니라 프로그램이고, 회원님의 계좌 조회와 금융 용어 설명을 도와드려요."
          : "I'm SH Pay's AI assistant, a program rather than a person. I can look up your own accounts and explain finance terms.");
      case OTHERS_DATA -> words(ko ? "다른 사람의 계좌나 거래 정보는 알려드릴 수 없어요. 로그인한 회원님 본인의 정보만 조회할 수 있어요."
          : "I can't share anyone else's accounts or transactions. I can only look up your own information.");
      case MOVE_MONEY -> words(ko ? "저는 조회만 할 수 있어서 송금이나 결제는 대신 해 드릴 수 없어요. 앱의 이체 화면을 이용해 주세요."
          : "I can only look things up, so I can't move money or pay for you. Please use the app's transfer screen.");
      case TERM -> term(session, intent);
      case BALANCE -> tool(session, ToolCatalog.GET_BALANCE, bankArgs(intent), result -> balance(result, ko));
      case TRANSACTIONS -> tool(session, ToolCatalog.LIST_TRANSACTIONS, rangeArgs(intent, bankArgs(intent))
          .put("direction", intent.direction().name().toLowerCase(java.util.Locale.ROOT)), result -> transactions(result, ko));
      case PAYMENTS -> tool(session, ToolCatalog.LIST_PAYMENTS, rangeArgs(intent, new JsonObject()).put("status", intent.paymentStatus()),
          result -> payments(result, ko));
      case ACCOUNTS -> tool(session, ToolCatalog.LIST_ACCOUNTS, new JsonObject(), result -> accounts(result, ko));
      case HELP -> words(ko ? """
          저는 SH Pay의 AI 어시스턴트예요. 이런 걸 도와드릴 수 있어요:
          - 잔액: "신한은행 잔액 알려줘"
          - 거래 내역: "국민은행 지난주 거래 내역", "최근 7일 입금 내역"
          - SH Pay 결제: "이번 달 결제 내역"
          - 계좌 목록: "내 계좌 보여줘"
          - 용어: "핀테크이용번호가 뭐야?"
          조회만 가능하고, 송금이나 투자 조언은 하지 않아요."""
          : """
          I'm SH Pay's AI assistant. I can help with:
          - balances: "What's my Shinhan balance?"
          - transactions: "KB transactions last week", "deposits in the last 7 days"
          - SH Pay payments: "my payments this month"
          - your accounts: "show my accounts"
          - terms: "What is a fintech use number?"
          I only look things up: I don't move money or give investment advice.""");
    };
    return answer.map(done -> {
      // Offline answers are ready at once; they still reach a streaming client line by line.
      for (String line : done.reply().split("(?<=\n)")) {
        sink.text(line);
      }
      return done;
    });
  }

  private interface Formatter {
    String format(ToolResult result);
  }

  private Future<Answer> tool(ToolRunner.Session session, String name, JsonObject args, Formatter formatter) {
    return tools.run(session, name, args).map(result -> new Answer(formatter.format(result), List.of(name)));
  }

  private static Future<Answer> words(String text) {
    return Future.succeededFuture(new Answer(text, List.of()));
  }

  private Future<Answer> term(ToolRunner.Session session, IntentParser.Intent intent) {
    String name = intent.term().map(Glossary.Term::korean).orElse("");
    return tool(session, ToolCatalog.EXPLAIN_TERM, new JsonObject().put("term", name), result -> {
      if (!result.ok()) {
        return intent.korean() ? "그 용어는 아직 용어집에 없어요." : "That term is not in my glossary yet.";
      }
      JsonObject ko = result.content().getJsonObject("ko");
      JsonObject en = result.content().getJsonObject("en");
      return intent.korean()
          ? ko.getString("name") + "(" + en.getString("name") + "): " + ko.getString("definition")
          : capitalise(en.getString("name")) + " (" + ko.getString("name") + "): " + en.getString("definition");
    });
  }

  private static JsonObject bankArgs(IntentParser.Intent intent) {
    JsonObject args = new JsonObject();
    intent.bank().ifPresent(bank -> args.put("bank", bank.korean()));
    return args;
  }

  private static JsonObject rangeArgs(IntentParser.Intent intent, JsonObject args) {
    intent.range().ifPresent(range -> args.put("from", range.from().toString()).put("to", range.to().toString()));
    return args;
  }

  private static String balance(ToolResult result, boolean ko) {
    if (!result.ok()) {
      return problem(result, ko);
    }
    JsonArray balances = result.content().getJsonArray("balances");
    List<String> lines = new ArrayList<>();
    for (Object raw : balances) {
      JsonObject b = (JsonObject) raw;
      String line = ko ? "%s %s(%s) 잔액은 %s이에요.".formatted(b.getString("bank"), alias(b, true), b.getString("number"),
              won(b.getLong("balance"), true))
          : "Your %s account %s(%s) has %s.".formatted(b.getString("bank"), alias(b, false), b.getString("number"),
              won(b.getLong("balance"), false));
      lines.add(b.getBoolean("stale", false) ? line + staleNote(b.getString("as_of"), ko) : line);
    }
    if (balances.size() > 1) {
      lines.add(ko ? "모두 합하면 " + won(result.content().getLong("total"), true) + "이에요."
          : "In total: " + won(result.content().getLong("total"), false) + ".");
    }
    return String.join("\n", lines);
  }

  /**
   * A cached balance older than the freshness window is answered at once but must say so: the
   * money may have moved since the bank last told us (a refresh is already under way).
   */
  private static String staleNote(String asOf, boolean ko) {
    String when = java.time.OffsetDateTime.parse(asOf).atZoneSameInstant(io.shpay.common.time.BankTime.SEOUL)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " KST";
    return ko ? " (" + when + " 기준이라 지금 잔액과 다를 수 있어요)"
        : " (as of " + when + ", so it may have changed since)";
  }

  private static String transactions(ToolResult result, boolean ko) {
    if (!result.ok()) {
      return problem(result, ko);
    }
    JsonObject c = result.content();
    int count = c.getInteger("count");
    List<String> lines = new ArrayList<>();
    String account = c.getString("bank") + " " + c.getString("number");
    if (count == 0) {
      return ko ? "%s 계좌에는 %s ~ %s 거래 내역이 없어요.".formatted(account, c.getString("from"), c.getString("to"))
          : "Your %s account has no transactions from %s to %s.".formatted(account, c.getString("from"), c.getString("to"));
    }
    String more = c.getBoolean("more") ? (ko ? " 이상" : "+") : "";
    lines.add(ko ? "%s 계좌의 %s ~ %s 거래는 %d건%s이에요. 입금 %s, 출금 %s.".formatted(account, c.getString("from"),
            c.getString("to"), count, more, won(c.getLong("total_in"), true), won(c.getLong("total_out"), true))
        : "Your %s account has %d%s transactions from %s to %s: %s in, %s out.".formatted(account, count, more,
            c.getString("from"), c.getString("to"), won(c.getLong("total_in"), false), won(c.getLong("total_out"), false)));
    JsonArray items = c.getJsonArray("items");
    for (int i = 0; i < Math.min(SHOWN, items.size()); i++) {
      JsonObject item = items.getJsonObject(i);
      boolean in = "IN".equals(item.getString("direction"));
      lines.add("- %s %s %s %s".formatted(item.getString("date"), ko ? (in ? "입금" : "출금") : (in ? "in" : "out"),
          won(item.getLong("amount"), ko), item.getString("description", "")).stripTrailing());
    }
    return String.join("\n", lines);
  }

  private static String payments(ToolResult result, boolean ko) {
    if (!result.ok()) {
      return problem(result, ko);
    }
    JsonObject c = result.content();
    JsonArray items = c.getJsonArray("items");
    if (items.isEmpty()) {
      return ko ? "%s ~ %s에는 SH Pay 결제 내역이 없어요.".formatted(c.getString("from"), c.getString("to"))
          : "You have no SH Pay payments from %s to %s.".formatted(c.getString("from"), c.getString("to"));
    }
    List<String> lines = new ArrayList<>();
    lines.add(ko ? "%s ~ %s SH Pay 결제는 %d건이에요. 승인된 금액은 모두 %s이에요.".formatted(c.getString("from"), c.getString("to"),
            items.size(), won(c.getLong("total_approved"), true))
        : "You made %d SH Pay payments from %s to %s; %s approved in total.".formatted(items.size(), c.getString("from"),
            c.getString("to"), won(c.getLong("total_approved"), false)));
    for (int i = 0; i < Math.min(SHOWN, items.size()); i++) {
      JsonObject p = items.getJsonObject(i);
      lines.add("- %s %s %s %s (%s)".formatted(p.getString("created_at").substring(0, 10), p.getString("merchant"),
          p.getString("item"), won(p.getLong("amount"), ko), status(p.getString("status"), ko)));
    }
    return String.join("\n", lines);
  }

  private static String accounts(ToolResult result, boolean ko) {
    if (!result.ok()) {
      return problem(result, ko);
    }
    JsonArray accounts = result.content().getJsonArray("accounts");
    if (accounts.isEmpty()) {
      return problem(ToolResult.failed(ToolCatalog.LIST_ACCOUNTS, List.of(), "no_accounts", ""), ko);
    }
    List<String> lines = new ArrayList<>();
    lines.add(ko ? "연결된 계좌는 %d개예요.".formatted(accounts.size()) : "You have %d linked accounts.".formatted(accounts.size()));
    for (Object raw : accounts) {
      JsonObject a = (JsonObject) raw;
      lines.add("- %s %s(%s)%s".formatted(a.getString("bank"), alias(a, ko), a.getString("number"),
          a.getBoolean("main") ? (ko ? " · 주계좌" : " · main") : ""));
    }
    return String.join("\n", lines);
  }

  private static String problem(ToolResult result, boolean ko) {
    String code = result.content().getString("error");
    return switch (code) {
      case "no_accounts", "consent_required" -> ko ? "연결된 은행 계좌가 없거나 연결이 만료됐어요. 먼저 오픈뱅킹으로 계좌를 연결해 주세요."
          : "You have no linked bank account, or the link has expired. Please link your bank first.";
      case "no_account_at_bank" -> ko ? "그 은행에는 연결된 계좌가 없어요. " + "\"내 계좌 보여줘\"로 연결된 계좌를 확인할 수 있어요."
          : "You have no linked account at that bank. Ask \"show my accounts\" to see the linked ones.";
      case "not_your_account" -> ko ? "회원님 본인의 계좌만 조회할 수 있어요." : "I can only look up your own accounts.";
      default -> ko ? "지금은 조회할 수 없어요. 잠시 후 다시 시도해 주세요." : "I can't look that up right now. Please try again shortly.";
    };
  }

  private static String alias(JsonObject account, boolean ko) {
    String alias = account.getString("alias");
    return alias == null || alias.isBlank() ? "" : (ko ? alias + " " : "\"" + alias + "\" ");
  }

  private static String status(String status, boolean ko) {
    if (!ko) {
      return status.toLowerCase(java.util.Locale.ROOT);
    }
    return switch (status) {
      case "APPROVED" -> "승인";
      case "FAILED" -> "실패";
      case "UNKNOWN" -> "확인 중";
      default -> "처리 중";
    };
  }

  static String won(long amount, boolean ko) {
    return ko ? String.format("%,d원", amount) : String.format("%,d won", amount);
  }

  private static String capitalise(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
