package io.shpay.sandbox.kftc;

import java.util.Map;

/** The KFTC and bank response codes the sandbox speaks, with their messages (spec: "Codes"). */
final class RspCodes {

  static final String OK = "A0000";
  static final String BANK_FAILURE = "A0002";
  static final String FORMAT = "A0004";
  static final String BUSINESS_FAILURE = "A0009";
  static final String AUTH_PARAMETER = "O0001";
  static final String TOKEN_REFUSED = "O0002";
  static final String METHOD_NOT_ALLOWED = "O0010";
  static final String SCOPE_NOT_ALLOWED = "O0011";

  static final String BANK_OK = "000";
  static final String BANK_NO_SUCH_TRANSFER = "400";
  static final String BANK_NO_SUCH_ACCOUNT = "412";
  static final String BANK_CLOSED = "415";
  static final String BANK_INSUFFICIENT_BALANCE = "551";
  static final String BANK_DAILY_LIMIT = "552";

  private static final Map<String, String> MESSAGES = Map.ofEntries(
      Map.entry(OK, "처리 성공"),
      Map.entry(BANK_FAILURE, "참가기관 에러"),
      Map.entry(FORMAT, "요청전문 포맷 에러"),
      Map.entry(BUSINESS_FAILURE, "API 세부업무 처리 실패"),
      Map.entry("A0322", "약정 계좌 미등록"),
      Map.entry(AUTH_PARAMETER, "인증요청 파라미터 오류"),
      Map.entry(TOKEN_REFUSED, "Access Token 거부"),
      Map.entry(METHOD_NOT_ALLOWED, "허용되지 않는 HTTP Method"),
      Map.entry(SCOPE_NOT_ALLOWED, "허용되지 않은 scope"));

  private static final Map<String, String> BANK_MESSAGES = Map.ofEntries(
      Map.entry(BANK_OK, "정상처리"),
      Map.entry(BANK_NO_SUCH_TRANSFER, "원거래 내역 없음"),
      Map.entry(BANK_NO_SUCH_ACCOUNT, "해당계좌 없음"),
      Map.entry("415", "해약 계좌"),
      Map.entry("419", "사고 신고 계좌"),
      Map.entry("420", "거래중지 계좌"),
      Map.entry("499", "기타 처리불가"),
      Map.entry("815", "예금주명 불일치"),
      Map.entry(BANK_INSUFFICIENT_BALANCE, "잔액 부족"),
      Map.entry(BANK_DAILY_LIMIT, "1일 출금한도 초과"),
      Map.entry("999", "처리결과 미확인 (은행 응답 지연)"));

  private RspCodes() {
  }

  static String message(String rspCode) {
    return MESSAGES.getOrDefault(rspCode, "처리 실패");
  }

  static String bankMessage(String bankRspCode) {
    return BANK_MESSAGES.getOrDefault(bankRspCode, "처리 실패");
  }
}
