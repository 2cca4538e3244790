package io.shpay.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Korean bank names as people say them ({@code 신한}, {@code 국민은행}, {@code KB}, {@code Kakao Bank}) to
 * KFTC standard bank codes, so "신한은행 잔액" finds the user's Shinhan account.
 */
final class BankNames {

  record Bank(String code, String korean, String english) {}

  private static final Map<String, Bank> BY_CODE = new LinkedHashMap<>();
  /** Spellings, longest first so "kb국민" wins over "kb" and "nh농협" over "nh". */
  private static final List<Map.Entry<Pattern, String>> SPELLINGS = new ArrayList<>();

  static {
    bank("002", "KDB산업은행", "KDB", "산업은행", "산업", "kdb");
    bank("003", "IBK기업은행", "IBK", "기업은행", "기업", "ibk");
    bank("004", "KB국민은행", "KB Kookmin", "국민은행", "국민", "kb", "kookmin");
    bank("007", "수협은행", "Suhyup", "수협", "suhyup");
    bank("011", "NH농협은행", "NH NongHyup", "농협은행", "농협", "nh", "nonghyup");
    bank("020", "우리은행", "Woori", "우리", "woori");
    bank("023", "SC제일은행", "SC First", "제일은행", "sc제일", "standard chartered", "sc");
    bank("027", "한국씨티은행", "Citibank Korea", "씨티은행", "씨티", "citi", "citibank");
    bank("031", "iM뱅크", "iM Bank", "대구은행", "대구", "im뱅크", "dgb", "im bank");
    bank("032", "부산은행", "Busan", "부산", "busan");
    bank("034", "광주은행", "Gwangju", "광주", "gwangju");
    bank("035", "제주은행", "Jeju", "제주", "jeju");
    bank("037", "전북은행", "Jeonbuk", "전북", "jeonbuk");
    bank("039", "경남은행", "Kyongnam", "경남", "kyongnam");
    bank("045", "새마을금고", "MG Saemaul", "새마을", "saemaul", "mg");
    bank("048", "신협", "Shinhyup", "신용협동조합", "shinhyup", "cu");
    bank("071", "우체국", "Korea Post", "우체국", "korea post", "post office");
    bank("081", "하나은행", "Hana", "하나", "hana", "keb");
    bank("088", "신한은행", "Shinhan", "신한", "shinhan");
    bank("089", "케이뱅크", "K Bank", "케이뱅크", "k bank", "kbank");
    bank("090", "카카오뱅크", "Kakao Bank", "카카오", "kakao", "kakaobank");
    bank("092", "토스뱅크", "Toss Bank", "토스", "toss", "tossbank");
    SPELLINGS.sort((a, b) -> b.getKey().pattern().length() - a.getKey().pattern().length());
  }

  private BankNames() {}

  private static void bank(String code, String korean, String english, String... more) {
    Bank bank = new Bank(code, korean, english);
    BY_CODE.put(code, bank);
    List<String> spellings = new ArrayList<>(List.of(korean, english));
    spellings.addAll(List.of(more));
    for (String spelling : spellings) {
      String lower = spelling.toLowerCase(Locale.ROOT);
      // Latin spellings must stand alone ("nh" is not the end of "shinhan"); Korean ones are matched inside words.
      String regex = lower.matches("[a-z ]+")
          ? "(?<![a-z])" + Pattern.quote(lower) + "(?![a-z])"
          : Pattern.quote(lower);
      SPELLINGS.add(Map.entry(Pattern.compile(regex), code));
    }
  }

  /** The bank a message names, if any. */
  static Optional<Bank> find(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (Map.Entry<Pattern, String> spelling : SPELLINGS) {
      if (spelling.getKey().matcher(lower).find()) {
        return Optional.of(BY_CODE.get(spelling.getValue()));
      }
    }
    return Optional.empty();
  }

  static Optional<Bank> byCode(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}
