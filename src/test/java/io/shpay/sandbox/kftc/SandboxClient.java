package io.shpay.sandbox.kftc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP client for one {@link KftcSandbox}, speaking KFTC the way SH Pay's client will:
 * OAuth through the browser redirect, form-encoded token calls, bearer data calls.
 */
final class SandboxClient {

  static final String WITHDRAW = "/v2.0/transfer/withdraw/fin_num";
  static final String DEPOSIT = "/v2.0/transfer/deposit/fin_num";
  static final String RESULT = "/v2.0/transfer/result";
  static final String BALANCE = "/v2.0/account/balance/fin_num";
  static final String TRANSACTIONS = "/v2.0/account/transaction_list/fin_num";
  static final String REAL_NAME = "/v2.0/inquiry/real_name";
  static final String TOKEN = "/oauth/2.0/token";
  static final String AUTHORIZE = "/oauth/2.0/authorize";

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter DTIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  final KftcSandbox sandbox;
  final KftcSandboxOptions options;
  final WebClient web;
  private final Clock clock;
  private final AtomicInteger ids = new AtomicInteger();

  SandboxClient(Vertx vertx, KftcSandbox sandbox, KftcSandboxOptions options) {
    this.sandbox = sandbox;
    this.options = options;
    this.clock = options.clock();
    this.web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  /** A fresh, well-formed bank_tran_id: the institution code, U, 9 upper-case letters or digits. */
  String newBankTranId() {
    return options.clientUseCode() + "U" + String.format("T%08d", ids.incrementAndGet());
  }

  String tranDtime() {
    return LocalDateTime.now(clock.withZone(SEOUL)).format(DTIME);
  }

  String url(String path) {
    return sandbox.baseUrl() + path;
  }

  /** The authorize query a client sends, with {@code extra} parameters added or overriding. */
  HttpRequest<Buffer> authorize(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of(
        "response_type", "code", "client_id", options.clientId(), "redirect_uri", options.redirectUri(),
        "scope", "login inquiry transfer", "state", "s7Hq2KdW9xLmP4vRt6YbN1cE8aJ3uF5g", "auth_type", "0"));
    params.putAll(extra);
    HttpRequest<Buffer> request = web.getAbs(url(AUTHORIZE));
    params.forEach(request::addQueryParam);
    return request;
  }

  /** With autoApprove: the code the redirect carries for {@code person} (null = the first person). */
  Future<String> code(String person, String scope) {
    Map<String, String> extra = new HashMap<>(Map.of("scope", scope));
    if (person != null) {
      extra.put("sandbox_person", person);
    }
    return authorize(extra).send().map(response -> {
      if (response.statusCode() != 302) {
        throw new AssertionError("authorize answered " + response.statusCode() + ": " + response.bodyAsString());
      }
      return query(response.getHeader("Location")).get("code");
    });
  }

  Future<JsonObject> exchange(String code) {
    return token(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "authorization_code").add("code", code)
        .add("client_id", options.clientId()).add("client_secret", options.clientSecret())
        .add("redirect_uri", options.redirectUri()))
        .map(HttpResponse::bodyAsJsonObject);
  }

  /** A person's tokens through the whole code flow; {@code person} null = the first person. */
  Future<JsonObject> userTokens(String person, String scope) {
    return code(person, scope).compose(this::exchange);
  }

  Future<String> userAccessToken(String person) {
    return userTokens(person, "login inquiry transfer").map(tokens -> tokens.getString("access_token"));
  }

  Future<String> oobAccessToken() {
    return token(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "client_credentials").add("scope", "oob")
        .add("client_id", options.clientId()).add("client_secret", options.clientSecret()))
        .map(response -> response.bodyAsJsonObject().getString("access_token"));
  }

  Future<HttpResponse<Buffer>> token(MultiMap form) {
    return web.postAbs(url(TOKEN)).sendForm(form);
  }

  Future<JsonObject> get(String path, String accessToken, Map<String, String> params) {
    HttpRequest<Buffer> request = web.getAbs(url(path));
    if (accessToken != null) {
      request.bearerTokenAuthentication(accessToken);
    }
    params.forEach(request::addQueryParam);
    return request.send().map(SandboxClient::json);
  }

  Future<JsonObject> post(String path, String accessToken, JsonObject body) {
    return web.postAbs(url(path)).bearerTokenAuthentication(accessToken).sendJsonObject(body).map(SandboxClient::json);
  }

  Future<JsonObject> balance(String accessToken, String fintechUseNum) {
    return get(BALANCE, accessToken, Map.of("bank_tran_id", newBankTranId(), "fintech_use_num", fintechUseNum,
        "tran_dtime", tranDtime()));
  }

  JsonObject withdrawal(String fintechUseNum, long amount, String bankTranId) {
    return new JsonObject()
        .put("bank_tran_id", bankTranId)
        .put("cntr_account_type", "N")
        .put("cntr_account_num", "100012345678")
        .put("dps_print_content", "SH페이 충전")
        .put("fintech_use_num", fintechUseNum)
        .put("wd_print_content", "SH페이")
        .put("tran_amt", String.valueOf(amount))
        .put("tran_dtime", tranDtime())
        .put("req_client_name", "김민지")
        .put("req_client_fintech_use_num", fintechUseNum)
        .put("req_client_num", "SHPAYUSER0001")
        .put("transfer_purpose", "TR");
  }

  JsonObject deposit(String fintechUseNum, long amount, String bankTranId) {
    return new JsonObject()
        .put("cntr_account_type", "N")
        .put("cntr_account_num", "100012345678")
        .put("wd_pass_phrase", "NONE")
        .put("wd_print_content", "SH페이 환불")
        .put("name_check_option", "on")
        .put("tran_dtime", tranDtime())
        .put("req_cnt", "1")
        .put("req_list", new JsonArray().add(new JsonObject()
            .put("tran_no", "1")
            .put("bank_tran_id", bankTranId)
            .put("fintech_use_num", fintechUseNum)
            .put("print_content", "SH페이 환불")
            .put("tran_amt", String.valueOf(amount))
            .put("req_client_name", "이서준")
            .put("req_client_fintech_use_num", fintechUseNum)
            .put("req_client_num", "SHPAYUSER0002")
            .put("transfer_purpose", "TR")));
  }

  JsonObject resultQuery(String checkType, String orgBankTranId, String orgDate, long amount) {
    return new JsonObject()
        .put("check_type", checkType)
        .put("tran_dtime", tranDtime())
        .put("req_cnt", "1")
        .put("req_list", new JsonArray().add(new JsonObject()
            .put("tran_no", "1")
            .put("org_bank_tran_id", orgBankTranId)
            .put("org_bank_tran_date", orgDate)
            .put("org_tran_amt", String.valueOf(amount))));
  }

  String today() {
    return LocalDateTime.now(clock.withZone(SEOUL)).format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  /** The JSON body, plus {@code _http_status} so that tests can assert KFTC's "failures are HTTP 200" too. */
  static JsonObject json(HttpResponse<Buffer> response) {
    if (!String.valueOf(response.getHeader("Content-Type")).startsWith("application/json")) {
      throw new AssertionError("expected JSON, got " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().put("_http_status", response.statusCode());
  }

  /** The decoded query parameters of a redirect Location. */
  static Map<String, String> query(String location) {
    Map<String, String> params = new HashMap<>();
    String raw = URI.create(location).getRawQuery();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }
}
