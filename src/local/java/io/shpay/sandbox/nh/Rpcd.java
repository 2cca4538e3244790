package io.shpay.sandbox.nh;

import java.util.Map;

/**
 * The result codes the sandbox answers with, and their messages. Only 00000 is public; the rest
 * are the sandbox's choice (spec: "Codes"), which SH Pay's client maps by class.
 */
final class Rpcd {

  static final String OK = "00000";
  static final String ACCESS_TOKEN = "E0001";
  static final String FIELD = "E0002";
  static final String DUPLICATE_IS_TUNO = "E0003";
  static final String NO_SUCH_ACCOUNT = "E0101";
  static final String BIRTH_DATE_MISMATCH = "E0102";
  static final String INSUFFICIENT_BALANCE = "E0201";
  static final String OVER_LIMIT = "E0202";
  static final String UNKNOWN_RGNO = "E0301";
  static final String SYSTEM = "E9999";

  private static final Map<String, String> MESSAGES = Map.of(
      OK, "정상처리 되었습니다.",
      ACCESS_TOKEN, "인증 오류 (AccessToken)",
      FIELD, "입력값 오류",
      DUPLICATE_IS_TUNO, "기관거래고유번호 중복",
      NO_SUCH_ACCOUNT, "계좌 없음",
      BIRTH_DATE_MISMATCH, "생년월일 불일치",
      INSUFFICIENT_BALANCE, "지불가능잔액 부족",
      OVER_LIMIT, "이체한도 초과",
      UNKNOWN_RGNO, "핀어카운트 등록번호 없음",
      SYSTEM, "시스템 오류 (처리결과 미확인)");

  private Rpcd() {
  }

  static String message(String rpcd) {
    return MESSAGES.getOrDefault(rpcd, "처리 실패");
  }
}
