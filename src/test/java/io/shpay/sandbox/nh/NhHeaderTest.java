package io.shpay.sandbox.nh;

import io.shpay.testing.MutableClock;
import static io.shpay.sandbox.nh.NhTestClient.DOYUN;
import static io.shpay.sandbox.nh.NhTestClient.rpcd;
import static io.shpay.sandbox.nh.NhTestClient.rsms;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Header every call carries: its checks in order, the echo, IsTuno uniqueness, and the token staying secret. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class NhHeaderTest {

  /** 12:00 in Seoul on 10 March 2026. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T03:00:00Z"));
  private NhSandbox sandbox;
  private NhTestClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    NhSandboxOptions options = NhSandboxOptions.defaults().withClock(clock);
    NhSandbox.start(vertx, options).onComplete(ctx.succeeding(started -> {
      sandbox = started;
      client = new NhTestClient(vertx, started, options);
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sandbox.close().onComplete(ctx.succeedingThenComplete());
  }

  private static JsonObject depositor() {
    return new JsonObject().put("Bncd", DOYUN.bankCode()).put("Acno", DOYUN.accountNumber());
  }

  @Test
  void aGoodCallEchoesItsHeaderWithoutTheTokenAndAnswersHttp200(VertxTestContext ctx) {
    JsonObject header = client.header("InquireDepositorAccountNumber");
    client.call("InquireDepositorAccountNumber", header, depositor())
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(answer.getInteger("_http_status")).isEqualTo(200);
          JsonObject echoed = answer.getJsonObject("Header");
          assertThat(echoed.getString("Rpcd")).isEqualTo("00000");
          assertThat(echoed.getString("Rsms")).isEqualTo("정상처리 되었습니다.");
          for (String field : List.of("ApiNm", "Tsymd", "Trtm", "Iscd", "FintechApsno", "ApiSvcCd", "IsTuno")) {
            assertThat(echoed.getString(field)).as(field).isEqualTo(header.getString(field));
          }
          assertThat(echoed.getString("IsTuno")).as("leading zeros kept").startsWith("0000");
          assertThat(echoed.containsKey("AccessToken")).isFalse();
          assertThat(answer.encode()).doesNotContain(client.options.accessToken());
          assertThat(answer.getString("Dpnm")).isEqualTo("최도윤");
          ctx.completeNow();
        })));
  }

  @Test
  void aWrongOrMissingAccessTokenIsE0001AndIsNeverQuotedBack(VertxTestContext ctx) {
    String wrong = "0123456789abcdef".repeat(4);
    client.call("InquireDepositorAccountNumber", client.header("InquireDepositorAccountNumber").put("AccessToken", wrong),
            depositor())
        .compose(first -> client.call("InquireDepositorAccountNumber",
                client.header("InquireDepositorAccountNumber").putNull("AccessToken"), depositor())
            .map(second -> new JsonObject[] {first, second}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0].getInteger("_http_status")).isEqualTo(200);
          assertThat(rpcd(both[0])).isEqualTo("E0001");
          assertThat(both[0].encode()).doesNotContain(wrong);
          assertThat(both[0].containsKey("Dpnm")).isFalse();
          assertThat(rpcd(both[1])).isEqualTo("E0001");
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingHeaderOrAnApiNmOtherThanThePathIsE0002NamingTheField(VertxTestContext ctx) {
    client.send("InquireDepositorAccountNumber", depositor()).map(NhTestClient::json)
        .compose(noHeader -> client.call("InquireDepositorAccountNumber", client.header("InquireBalance"), depositor())
            .map(otherApi -> new JsonObject[] {noHeader, otherApi}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both[0].getInteger("_http_status")).isEqualTo(200);
          assertThat(rpcd(both[0])).isEqualTo("E0002");
          assertThat(rsms(both[0])).contains("Header");
          assertThat(both[0].getJsonObject("Header").getString("ApiNm")).isEqualTo("InquireDepositorAccountNumber");
          assertThat(rpcd(both[1])).isEqualTo("E0002");
          assertThat(rsms(both[1])).contains("ApiNm");
          ctx.completeNow();
        })));
  }

  @Test
  void aTwelveHourOrMalformedTrtmIsE0002NamingTrtm(VertxTestContext ctx) {
    List<String> bad = List.of("033000PM", "03:30:00", "3:30PM", "240000", "126000", "1200");
    List<Future<JsonObject>> answers = new ArrayList<>();
    for (String trtm : bad) {
      answers.add(client.call("InquireDepositorAccountNumber",
          client.header("InquireDepositorAccountNumber").put("Trtm", trtm), depositor()));
    }
    Future.all(answers).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < bad.size(); i++) {
        JsonObject answer = all.resultAt(i);
        assertThat(rpcd(answer)).as(bad.get(i)).isEqualTo("E0002");
        assertThat(rsms(answer)).as(bad.get(i)).contains("Trtm");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void aTsymdThatIsNotADateIsE0002NamingTsymd(VertxTestContext ctx) {
    client.call("InquireDepositorAccountNumber", client.header("InquireDepositorAccountNumber").put("Tsymd", "20260230"),
            depositor())
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0002");
          assertThat(rsms(answer)).contains("Tsymd");
          ctx.completeNow();
        })));
  }

  @Test
  void aTimeMoreThan24HoursFromNhsClockIsE0002AndOneWithinIsAccepted(VertxTestContext ctx) {
    String api = "InquireDepositorAccountNumber";
    client.call(api, client.header(api, Duration.ofHours(-25)), depositor())
        .compose(late -> client.call(api, client.header(api, Duration.ofHours(25)), depositor())
            .compose(early -> client.call(api, client.header(api, Duration.ofHours(-23)), depositor())
                .map(within -> new JsonObject[] {late, early, within})))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(rpcd(all[0])).isEqualTo("E0002");
          assertThat(rsms(all[0])).contains("Trtm");
          assertThat(rpcd(all[1])).isEqualTo("E0002");
          assertThat(rsms(all[1])).contains("Trtm");
          assertThat(rpcd(all[2])).isEqualTo("00000");
          ctx.completeNow();
        })));
  }

  @Test
  void anotherInstitutionsIscdIsE0002(VertxTestContext ctx) {
    client.call("InquireDepositorAccountNumber", client.header("InquireDepositorAccountNumber").put("Iscd", "000099"),
            depositor())
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0002");
          assertThat(rsms(answer)).contains("Iscd");
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownApiSvcCdIsE0002(VertxTestContext ctx) {
    client.call("InquireDepositorAccountNumber",
            client.header("InquireDepositorAccountNumber").put("ApiSvcCd", "SomethingElseA"), depositor())
        .onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
          assertThat(rpcd(answer)).isEqualTo("E0002");
          assertThat(rsms(answer)).contains("ApiSvcCd");
          ctx.completeNow();
        })));
  }

  @Test
  void anIsTunoUsedTwiceForOneServiceOnOneDayIsE0003(VertxTestContext ctx) {
    String api = "InquireDepositorAccountNumber";
    JsonObject header = client.header(api);
    client.call(api, header, depositor())
        .compose(first -> client.call(api, header.copy(), depositor())
            .compose(again -> client.call(api, header.copy().put("ApiSvcCd", "DrawingTransferA"), depositor())
                .map(otherService -> new JsonObject[] {first, again, otherService})))
        .compose(three -> {
          clock.advance(Duration.ofDays(1));
          return client.call(api, client.header(api).put("IsTuno", header.getString("IsTuno")), depositor())
              .map(nextDay -> new JsonObject[] {three[0], three[1], three[2], nextDay});
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(rpcd(all[0])).isEqualTo("00000");
          assertThat(rpcd(all[1])).isEqualTo("E0003");
          assertThat(rsms(all[1])).contains(header.getString("IsTuno"));
          assertThat(all[1].getJsonObject("Header").getString("IsTuno")).isEqualTo(header.getString("IsTuno"));
          assertThat(rpcd(all[2])).as("unique per ApiSvcCd").isEqualTo("00000");
          assertThat(rpcd(all[3])).as("unique per Tsymd").isEqualTo("00000");
          ctx.completeNow();
        })));
  }

  @Test
  void anIsTunoSentAsANumberOrWithLettersOrTooLongIsE0002(VertxTestContext ctx) {
    String api = "InquireDepositorAccountNumber";
    List<Object> bad = List.of(12345678L, "12345678A", "123456789012345678901", "");
    List<Future<JsonObject>> answers = new ArrayList<>();
    for (Object isTuno : bad) {
      answers.add(client.call(api, client.header(api).put("IsTuno", isTuno), depositor()));
    }
    Future.all(answers).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < bad.size(); i++) {
        JsonObject answer = all.resultAt(i);
        assertThat(rpcd(answer)).as(String.valueOf(bad.get(i))).isEqualTo("E0002");
        assertThat(rsms(answer)).as(String.valueOf(bad.get(i))).contains("IsTuno");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void aRefusedCallStillUsesUpItsIsTunoSoABlindRetryIsRefused(VertxTestContext ctx) {
    String api = "InquireDepositorAccountNumber";
    JsonObject header = client.header(api);
    client.call(api, header, new JsonObject().put("Bncd", "011").put("Acno", "3029999999999"))
        .compose(unknown -> client.call(api, header.copy(), depositor()).map(retry -> new JsonObject[] {unknown, retry}))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(rpcd(both[0])).isEqualTo("E0101");
          assertThat(rpcd(both[1])).isEqualTo("E0003");
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownApiAGetOrABodyThatIsNotJsonStillAnswersHttp200WithE0002(VertxTestContext ctx) {
    client.call("TransferEverything", new JsonObject())
        .compose(unknown -> client.web.getAbs(client.url("InquireBalance")).send().map(NhTestClient::json)
            .compose(get -> client.web.postAbs(client.url("InquireBalance")).sendBuffer(Buffer.buffer("not json"))
                .map(NhTestClient::json)
                .map(notJson -> new JsonObject[] {unknown, get, notJson})))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (JsonObject answer : all) {
            assertThat(answer.getInteger("_http_status")).isEqualTo(200);
            assertThat(rpcd(answer)).isEqualTo("E0002");
          }
          assertThat(rsms(all[0])).contains("TransferEverything");
          assertThat(rsms(all[1])).contains("POST");
          assertThat(all[2].getJsonObject("Header").getString("ApiNm")).isEqualTo("InquireBalance");
          ctx.completeNow();
        })));
  }

  @Test
  void theAccessTokenNeverReachesTheLogEvenAtDebug(VertxTestContext ctx) {
    Logger nh = (Logger) LoggerFactory.getLogger("io.shpay.sandbox.nh");
    Level before = nh.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.setContext(nh.getLoggerContext());
    logs.start();
    nh.addAppender(logs);
    nh.setLevel(Level.DEBUG);
    String wrong = "fedcba9876543210".repeat(4);
    String api = "InquireDepositorAccountNumber";
    client.call(api, depositor())
        .compose(ok -> client.call(api, client.header(api).put("AccessToken", wrong), depositor()))
        .compose(refused -> client.finAcno(NhTestClient.MINJI))
        .onComplete(done -> {
          nh.detachAppender(logs);
          nh.setLevel(before);
          ctx.verify(() -> {
            assertThat(done.succeeded()).isTrue();
            StringBuilder everything = new StringBuilder();
            synchronized (logs) {
              for (ILoggingEvent event : logs.list) {
                everything.append(event.getFormattedMessage()).append(' ').append(event.getKeyValuePairs()).append('\n');
              }
            }
            assertThat(everything).as("the capture works").contains("NH sandbox " + api);
            assertThat(everything).doesNotContain(client.options.accessToken()).doesNotContain(wrong);
            assertThat(client.options.toString()).doesNotContain(client.options.accessToken());
          });
          ctx.completeNow();
        });
  }
}
