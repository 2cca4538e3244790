package io.shpay.sandbox.nh;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP client for one {@link NhSandbox}, speaking NH the way SH Pay's client does: every
 * call a POST of {@code {Header, ...body}} to {@code /{ApiNm}.nh}, with a fresh IsTuno sent as a
 * string of 20 digits, leading zeros and all.
 */
final class NhTestClient {

  static final String DRAWING_SERVICE = "DrawingTransferA";
  static final String RECEIVED_SERVICE = "ReceivedTransferA";

  /** The default seed, as the tests rely on it. */
  static final Account MINJI = new Account("011", "3020000012341", "19950412", "김민지");
  static final Account SEOJUN = new Account("011", "3020000023452", "19880923", "이서준");
  static final Account HAEUN = new Account("012", "35101234567893", "20010117", "박하은");
  static final Account DOYUN = new Account("012", "35205678901234", "19760305", "최도윤");
  static final Account SHPAY = new Account("011", "3010987654321", "2208812345", "에스에이치페이(주)");

  private static final Set<String> WITHDRAW_SIDE = Set.of("OpenFinAccountDirect", "CheckOpenFinAccountDirect",
      "DrawingTransfer");
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  final NhSandbox sandbox;
  final NhSandboxOptions options;
  final WebClient web;
  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();

  NhTestClient(Vertx vertx, NhSandbox sandbox, NhSandboxOptions options) {
    this.sandbox = sandbox;
    this.options = options;
    this.clock = options.clock();
    this.web = WebClient.create(vertx);
  }

  /** 20 digits with leading zeros, which the sandbox must keep. */
  String newIsTuno() {
    return String.format("%020d", ids.incrementAndGet());
  }

  LocalDateTime now() {
    return LocalDateTime.now(clock.withZone(SEOUL));
  }

  String today() {
    return DATE.format(now());
  }

  String day(LocalDate date) {
    return DATE.format(date);
  }

  /** A well-formed header for {@code apiNm}, dated now by the test clock, with a fresh IsTuno. */
  JsonObject header(String apiNm) {
    return header(apiNm, Duration.ZERO);
  }

  /** A well-formed header whose Tsymd/Trtm is {@code offset} away from the test clock's now. */
  JsonObject header(String apiNm, Duration offset) {
    LocalDateTime at = now().plus(offset);
    return new JsonObject()
        .put("ApiNm", apiNm)
        .put("Tsymd", DATE.format(at))
        .put("Trtm", TIME.format(at))
        .put("Iscd", options.iscd())
        .put("FintechApsno", "001")
        .put("ApiSvcCd", WITHDRAW_SIDE.contains(apiNm) ? DRAWING_SERVICE : RECEIVED_SERVICE)
        .put("IsTuno", newIsTuno())
        .put("AccessToken", options.accessToken());
  }

  /** A call with a fresh, well-formed header. */
  Future<JsonObject> call(String apiNm, JsonObject body) {
    return call(apiNm, header(apiNm), body);
  }

  Future<JsonObject> call(String apiNm, JsonObject header, JsonObject body) {
    return send(apiNm, body.copy().put("Header", header)).map(NhTestClient::json);
  }

  Future<HttpResponse<Buffer>> send(String apiNm, JsonObject request) {
    return web.postAbs(url(apiNm)).sendJsonObject(request);
  }

  String url(String apiNm) {
    return sandbox.baseUrl() + "/" + apiNm + ".nh";
  }

  /** Both issuance steps for a seeded account; fails unless NH issued a FinAcno. */
  Future<String> finAcno(Account account) {
    return call("OpenFinAccountDirect", new JsonObject().put("DrtrRgyn", "Y").put("BrdtBrno", account.birthDate())
            .put("Bncd", account.bankCode()).put("Acno", account.accountNumber()))
        .compose(opened -> call("CheckOpenFinAccountDirect", new JsonObject()
            .put("Rgno", opened.getString("Rgno")).put("BrdtBrno", account.birthDate())))
        .map(checked -> {
          if (!"00000".equals(rpcd(checked))) {
            throw new AssertionError("no FinAcno for " + account + ": " + checked.encode());
          }
          return checked.getString("FinAcno");
        });
  }

  static JsonObject drawing(String finAcno, long amount) {
    return new JsonObject().put("FinAcno", finAcno).put("Tram", Long.toString(amount))
        .put("DractOtlt", "SH페이 결제").put("MractOtlt", "SH페이");
  }

  static JsonObject refundTo(Account account, long amount) {
    return new JsonObject().put("Bncd", account.bankCode()).put("Acno", account.accountNumber())
        .put("Tram", Long.toString(amount)).put("DractOtlt", "SH페이 환불").put("MractOtlt", "SH페이 환불");
  }

  static JsonObject refundToFinAccount(String finAcno, long amount) {
    return new JsonObject().put("FinAcno", finAcno).put("Tram", Long.toString(amount))
        .put("DractOtlt", "SH페이 환불").put("MractOtlt", "SH페이 환불");
  }

  /** One page of an account's history between two days. */
  static JsonObject historyQuery(Account account, String from, String to, String kind, String order, int pageNo,
      int pageSize) {
    return new JsonObject().put("Bncd", account.bankCode()).put("Acno", account.accountNumber())
        .put("Insymd", from).put("Ineymd", to).put("TrnsDsnc", kind).put("Lnsq", order)
        .put("PageNo", Integer.toString(pageNo)).put("Dmcnt", Integer.toString(pageSize));
  }

  static String rpcd(JsonObject answer) {
    return answer.getJsonObject("Header").getString("Rpcd");
  }

  static String rsms(JsonObject answer) {
    return answer.getJsonObject("Header").getString("Rsms");
  }

  static JsonArray records(JsonObject answer) {
    return answer.getJsonArray("REC");
  }

  /** The JSON body, plus {@code _http_status} so that tests can assert NH's "always HTTP 200". */
  static JsonObject json(HttpResponse<Buffer> response) {
    if (!String.valueOf(response.getHeader("Content-Type")).startsWith("application/json")) {
      throw new AssertionError("expected JSON, got " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().put("_http_status", response.statusCode());
  }
}
