package io.shpay.chat;

import io.shpay.openbanking.TransactionQuery;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message asks, for the offline assistant: Korean and English keywords, a bank name, a date
 * range and, for term questions, the glossary entry. Money movement and other people's data are
 * recognised too, so they can be refused in words.
 */
final class IntentParser {

  enum Kind { BALANCE, TRANSACTIONS, PAYMENTS, ACCOUNTS, TERM, MOVE_MONEY, OTHERS_DATA, IDENTITY, HELP }

  record Intent(Kind kind, boolean korean, Optional<BankNames.Bank> bank, Optional<DateRanges.Range> range,
                TransactionQuery.Direction direction, String paymentStatus, Optional<Glossary.Term> term) {}

  private static final String[] DEFINITION = {"뭐야", "뭔가요", "뭐예요", "뭐에요", "뭐지", "무엇", "이란", "란?", "란 ", "뜻",
      "의미", "설명해", "what is", "what's", "what are", "what does", "meaning", "explain", "define", "definition"};
  private static final String[] POSSESSIVE = {"내 ", "내가", "나의", "제 ", "my ", " i ", "i have", "do i", "did i"};
  private static final String[] IDENTITY = {"너 누구", "누구야", "누구세요", "사람이야", "사람이에요", "사람인가", "ai야", "ai인가",
      "로봇", "who are you", "are you human", "are you a human", "are you a person", "are you a bot", "are you an ai",
      "are you real"};
  private static final String[] OTHERS = {"다른 사람", "다른사람", "남의", "타인", "친구", "엄마", "아빠", "남편", "아내", "와이프",
      "다른 사용자", "다른 회원", "someone else", "somebody else", "another user", "other user", "other people",
      "another person", "another customer", "my friend", "my wife", "my husband", "my mom", "my dad", "user id", "userid"};
  private static final String[] MOVE = {"송금해", "송금 해", "이체해", "이체 해", "보내줘", "보내 줘", "보내주", "결제해줘",
      "결제해 줘", "환불해", "입금해", "출금해", "send money", "transfer money", "wire money", "make a transfer",
      "make a payment", "pay for", "pay my", "refund my", "move money", "send ₩", "send 1", "send 2", "send 3", "send 4",
      "send 5", "send 6", "send 7", "send 8", "send 9"};
  private static final String[] PAYMENTS = {"결제", "구매", "payment", "paid", "purchase", "shopping at"};
  private static final String[] TRANSACTIONS = {"거래", "내역", "입출금", "입금", "출금", "지출", "쓴 돈", "받은 돈", "쓴돈", "받은돈",
      "transaction", "history", "deposits", "withdrawals", "spent", "spend", "statement", "received", "income"};
  private static final String[] BALANCE = {"잔액", "잔고", "얼마 있", "얼마있", "얼마나 있", "balance", "how much money",
      "how much do i have", "how much is in", "how much have i"};
  private static final String[] ACCOUNTS = {"계좌", "통장", "account", "linked bank", "which banks"};
  private static final String[] IN = {"입금", "받은", "들어온", "deposit", "received", "income", "money in"};
  private static final String[] OUT = {"출금", "지출", "쓴 ", "쓴돈", "나간", "withdraw", "spent", "spend", "money out"};

  private final Glossary glossary;

  IntentParser(Glossary glossary) {
    this.glossary = glossary;
  }

  static boolean isKorean(String text) {
    return text.chars().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3);
  }

  Intent parse(String message, LocalDate today) {
    String t = " " + message.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim() + " ";
    boolean korean = isKorean(message);
    Optional<BankNames.Bank> bank = BankNames.find(message);
    Optional<DateRanges.Range> range = DateRanges.find(message, today);
    Optional<Glossary.Term> term = glossary.find(message);
    TransactionQuery.Direction direction = has(t, IN) && !has(t, OUT) ? TransactionQuery.Direction.IN
        : has(t, OUT) && !has(t, IN) ? TransactionQuery.Direction.OUT : TransactionQuery.Direction.ALL;
    String status = has(t, "실패", "failed") ? "FAILED" : has(t, "승인", "approved", "successful") ? "APPROVED" : null;

    Kind kind;
    if (has(t, IDENTITY)) {
      kind = Kind.IDENTITY;
    } else if (term.isPresent() && has(t, DEFINITION) && !has(t, POSSESSIVE)) {
      kind = Kind.TERM;
    } else if (has(t, OTHERS)) {
      kind = Kind.OTHERS_DATA;
    } else if (has(t, MOVE)) {
      kind = Kind.MOVE_MONEY;
    } else if (has(t, PAYMENTS)) {
      kind = Kind.PAYMENTS;
    } else if (has(t, TRANSACTIONS)) {
      kind = Kind.TRANSACTIONS;
    } else if (has(t, BALANCE)) {
      kind = Kind.BALANCE;
    } else if (has(t, ACCOUNTS)) {
      kind = Kind.ACCOUNTS;
    } else if (term.isPresent()) {
      kind = Kind.TERM;
    } else {
      kind = Kind.HELP;
    }
    return new Intent(kind, korean, bank, range, direction, status, term);
  }

  /**
   * A follow-up that names only a bank or a period ("국민은행은?", "and last month?") asks the
   * previous question again about it; anything else stands on its own.
   */
  static Intent followUp(Intent current, Intent previous) {
    boolean bare = current.kind() == Kind.HELP && (current.bank().isPresent() || current.range().isPresent());
    if (!bare || !java.util.Set.of(Kind.BALANCE, Kind.TRANSACTIONS, Kind.PAYMENTS).contains(previous.kind())) {
      return current;
    }
    return new Intent(previous.kind(), current.korean(),
        current.bank().isPresent() ? current.bank() : previous.bank(),
        current.range().isPresent() ? current.range() : previous.range(),
        previous.direction(), previous.paymentStatus(), Optional.empty());
  }

  private static boolean has(String text, String... words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
