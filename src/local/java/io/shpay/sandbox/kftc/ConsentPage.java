package io.shpay.sandbox.kftc;

import java.util.List;
import java.util.Map;

/**
 * The HTML of the sandbox's consent and error pages. Deliberately plain: one form whose hidden
 * fields carry the OAuth parameters and whose first person is preselected, so that submitting it
 * unchanged (a browser click or a test posting the defaults) approves the first demo person.
 */
final class ConsentPage {

  static final String APPROVE_PATH = "/oauth/2.0/authorize/approve";

  private static final Map<String, String> SCOPE_TEXT = Map.of(
      Scopes.LOGIN, "사용자 정보와 등록 계좌 목록 조회",
      Scopes.INQUIRY, "잔액과 거래내역 조회",
      Scopes.TRANSFER, "계좌에서 출금이체");

  private static final String STYLE = """
      body{margin:0;background:#f3f5f9;font:15px/1.5 -apple-system,'Apple SD Gothic Neo','Malgun Gothic',sans-serif;color:#1d2433}
      main{max-width:440px;margin:48px auto;background:#fff;border-radius:14px;box-shadow:0 4px 24px rgba(20,30,60,.08);padding:28px 32px}
      .badge{display:inline-block;font-size:12px;color:#3557d4;background:#e8edfd;border-radius:99px;padding:2px 10px;margin:0}
      h1{font-size:21px;margin:12px 0 4px}.lead{color:#4a5468;margin:0 0 16px}
      ul{padding-left:20px;margin:0 0 20px}li{margin:4px 0}code{color:#6b7385;font-size:13px}
      fieldset{border:1px solid #dde2ec;border-radius:10px;padding:8px 14px;margin:0 0 20px}legend{font-size:13px;color:#6b7385;padding:0 6px}
      label{display:block;padding:8px 0;cursor:pointer}small{color:#6b7385}
      .actions{display:flex;gap:10px}button{flex:1;border:0;border-radius:10px;padding:12px;font-size:15px;cursor:pointer;background:#3557d4;color:#fff}
      button.secondary{background:#eef0f5;color:#1d2433}.error{color:#b42318}
      """;

  private ConsentPage() {
  }

  static String consent(AuthorizeRequest request, List<Person> people, String preselected) {
    StringBuilder html = head("정보 제공 동의");
    html.append("<p class=\"lead\"><strong>").append(escape(request.clientId()))
        .append("</strong> 서비스가 다음 권한을 요청합니다.</p>\n<ul>\n");
    for (String scope : request.scopes()) {
      html.append("<li>").append(SCOPE_TEXT.get(scope)).append(" <code>").append(scope).append("</code></li>\n");
    }
    html.append("</ul>\n<form method=\"post\" action=\"").append(APPROVE_PATH).append("\">\n");
    hidden(html, "response_type", "code");
    hidden(html, "client_id", request.clientId());
    hidden(html, "redirect_uri", request.redirectUri());
    hidden(html, "scope", Scopes.join(request.scopes()));
    hidden(html, "state", request.state());
    hidden(html, "auth_type", request.authType());
    if (request.clientInfo() != null) {
      hidden(html, "client_info", request.clientInfo());
    }
    html.append("<fieldset><legend>동의할 사용자 (샌드박스 데모)</legend>\n");
    for (Person person : people) {
      html.append("<label><input type=\"radio\" name=\"sandbox_person\" value=\"").append(escape(person.userSeqNo()))
          .append('"').append(person.userSeqNo().equals(preselected) ? " checked" : "").append("> ")
          .append(escape(person.userName())).append(" <small>").append(person.accounts().size())
          .append("개 계좌 · ").append(escape(person.userSeqNo())).append("</small></label>\n");
    }
    html.append("</fieldset>\n<div class=\"actions\">\n")
        .append("<button type=\"submit\" name=\"decision\" value=\"approve\">동의하고 계속</button>\n")
        .append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">취소</button>\n")
        .append("</div>\n</form>\n");
    return tail(html);
  }

  static String error(String message) {
    StringBuilder html = head("요청을 처리할 수 없습니다");
    html.append("<p class=\"error\">").append(escape(message)).append("</p>\n")
        .append("<p class=\"lead\">인증 요청의 파라미터를 확인해 주세요. 이 페이지는 redirect_uri로 돌아가지 않습니다.</p>\n");
    return tail(html);
  }

  private static StringBuilder head(String title) {
    return new StringBuilder(4096)
        .append("<!doctype html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append(" · 오픈뱅킹 샌드박스</title>\n<style>").append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n<p class=\"badge\">KFTC 오픈뱅킹 샌드박스</p>\n<h1>")
        .append(escape(title)).append("</h1>\n");
  }

  private static String tail(StringBuilder html) {
    return html.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void hidden(StringBuilder html, String name, String value) {
    html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value)).append("\">\n");
  }

  /** Everything echoed from the request is escaped: state and client_info are attacker-chosen text. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
