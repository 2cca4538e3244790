package io.shpay.sandbox.kftc;

import java.time.Duration;
import io.shpay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The consent page a person sees when autoApprove is off, driven like a browser would. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class KftcConsentPageTest {

  private static final Pattern INPUT = Pattern.compile(
      "<input type=\"(hidden|radio)\" name=\"([^\"]+)\" value=\"([^\"]*)\"( checked)?>");
  private static final String APPROVE = "/oauth/2.0/authorize/approve";

  private KftcSandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    KftcSandboxOptions options = KftcSandboxOptions.defaults();
    KftcSandbox.start(vertx, options).onComplete(ctx.succeeding(started -> {
      sandbox = started;
      client = new SandboxClient(vertx, started, options);
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sandbox.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void thePageListsThePeopleAndScopesAndEscapesWhatTheRequestEchoes(VertxTestContext ctx) {
    client.authorize(Map.of("client_info", "a&b<script>", "state", "st\"ate")).send()
        .onComplete(ctx.succeeding(page -> ctx.verify(() -> {
          assertThat(page.statusCode()).isEqualTo(200);
          assertThat(page.getHeader("Content-Type")).startsWith("text/html");
          assertThat(page.bodyAsString())
              .contains("김민지", "이서준", "박하은", "login", "inquiry", "transfer")
              .contains("action=\"" + APPROVE + "\"")
              .contains("value=\"a&amp;b&lt;script&gt;\"", "value=\"st&quot;ate\"")
              .doesNotContain("<script>");
          assertThat(defaults(page.bodyAsString()).get("sandbox_person"))
              .as("the first person is preselected").isEqualTo(sandbox.bank().personIds().get(0));
          ctx.completeNow();
        })));
  }

  @Test
  void submittingTheFormWithItsDefaultsApprovesTheFirstPerson(VertxTestContext ctx) {
    client.authorize(Map.of("client_info", "shpay-user-42")).send()
        .compose(page -> client.web.postAbs(client.url(APPROVE)).sendForm(defaults(page.bodyAsString())))
        .compose(redirect -> {
          Map<String, String> params = SandboxClient.query(redirect.getHeader("Location"));
          ctx.verify(() -> {
            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.getHeader("Location")).startsWith(client.options.redirectUri() + "?code=");
            assertThat(params).containsEntry("state", "s7Hq2KdW9xLmP4vRt6YbN1cE8aJ3uF5g")
                .containsEntry("scope", "login inquiry transfer")
                .containsEntry("client_info", "shpay-user-42");
          });
          return client.exchange(params.get("code"));
        })
        .onComplete(ctx.succeeding(tokens -> ctx.verify(() -> {
          assertThat(tokens.getString("user_seq_no")).isEqualTo(sandbox.bank().personIds().get(0));
          assertThat(tokens.getString("scope")).isEqualTo("login inquiry transfer");
          ctx.completeNow();
        })));
  }

  @Test
  void choosingAnotherPersonOnTheFormConsentsForThatPerson(VertxTestContext ctx) {
    String third = sandbox.bank().personIds().get(2);
    client.authorize(Map.of()).send()
        .compose(page -> {
          MultiMap form = defaults(page.bodyAsString());
          form.set("sandbox_person", third);
          return client.web.postAbs(client.url(APPROVE)).sendForm(form);
        })
        .compose(redirect -> client.exchange(SandboxClient.query(redirect.getHeader("Location")).get("code")))
        .onComplete(ctx.succeeding(tokens -> ctx.verify(() -> {
          assertThat(tokens.getString("user_seq_no")).isEqualTo(third);
          ctx.completeNow();
        })));
  }

  @Test
  void cancellingRedirectsWithAccessDeniedAndNoCode(VertxTestContext ctx) {
    client.authorize(Map.of()).send()
        .compose(page -> client.web.postAbs(client.url(APPROVE))
            .sendForm(defaults(page.bodyAsString()).add("decision", "deny")))
        .onComplete(ctx.succeeding(redirect -> ctx.verify(() -> {
          assertThat(redirect.statusCode()).isEqualTo(302);
          Map<String, String> params = SandboxClient.query(redirect.getHeader("Location"));
          assertThat(params).containsEntry("error", "access_denied").containsKey("state").doesNotContainKey("code");
          ctx.completeNow();
        })));
  }

  @Test
  void aTamperedRedirectUriInTheFormIsRefusedWithAnErrorPage(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> posted = client.authorize(Map.of()).send().compose(page -> {
      MultiMap form = defaults(page.bodyAsString());
      form.set("redirect_uri", "https://evil.example/cb");
      return client.web.postAbs(client.url(APPROVE)).sendForm(form);
    });
    posted.onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.getHeader("Location")).isNull();
      ctx.completeNow();
    })));
  }

  @Test
  void thePageSpeaksKoreanAndEnglish() throws Exception {
    String page = await(client.authorize(Map.of()).send()).bodyAsString();
    assertThat(page).contains("정보 제공 동의", "Consent", "잔액과 거래내역 조회", "balances and transactions",
        "동의하고 계속", "Agree", "취소", "Cancel", "Consent as (sandbox demo person)");
    String error = await(client.authorize(Map.of("response_type", "token")).send()).bodyAsString();
    assertThat(error).contains("요청을 처리할 수 없습니다", "The request cannot be handled");
  }

  @Test
  void theReadmesTerminalConsentPostsTheAuthorizeQueryWithAPersonAndApproves() throws Exception {
    JsonObject people = await(client.web.getAbs(client.url("/sandbox/people")).send()).bodyAsJsonObject();
    assertThat(people.getJsonArray("people")).hasSize(sandbox.bank().personIds().size());
    JsonObject second = people.getJsonArray("people").getJsonObject(1);
    assertThat(second.getString("sandboxPerson")).isEqualTo(sandbox.bank().personIds().get(1));
    assertThat(second.getString("name")).isEqualTo("이서준");
    assertThat(second.getJsonArray("accounts").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("bankCode", "bankName", "accountNum", "accountAlias", "balance", "closed");

    // curl -X POST "$KFTC/oauth/2.0/authorize/approve" --data "${AUTH_URL#*\?}&sandbox_person=…&decision=approve"
    MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(client.authorize(Map.of()).queryParams());
    form.add("sandbox_person", second.getString("sandboxPerson")).add("decision", "approve");
    HttpResponse<Buffer> redirect = await(client.web.postAbs(client.url(APPROVE)).sendForm(form));
    assertThat(redirect.statusCode()).isEqualTo(302);
    String code = SandboxClient.query(redirect.getHeader("Location")).get("code");
    assertThat(await(client.exchange(code)).getString("user_seq_no")).isEqualTo(second.getString("sandboxPerson"));
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(10));
  }

  /** What a browser submits for an untouched form: every hidden field and the checked radio. */
  private static MultiMap defaults(String html) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher input = INPUT.matcher(html);
    while (input.find()) {
      if (input.group(1).equals("hidden") || input.group(4) != null) {
        fields.put(input.group(2), unescape(input.group(3)));
      }
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    fields.forEach(form::add);
    return form;
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
