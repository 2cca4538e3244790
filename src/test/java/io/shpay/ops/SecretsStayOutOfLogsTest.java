package io.shpay.ops;

import static io.shpay.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.shpay.sandbox.nh.NhSandboxOptions;
import io.shpay.testing.Api;
import io.shpay.testing.BankingStack;
import io.shpay.testing.EventTopics;
import io.shpay.user.SigningKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Secrets pass through start-up and every layer of a session's, a payment's and a bank link's life,
 * and must appear in no log line: configured secrets (admin password, JWT private key, KFTC client
 * secret, NH access token, token encryption key, webhook signing secret, model key, Slack URL) and the
 * ones minted on the way (passwords, access and refresh tokens, the merchant's API key).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecretsStayOutOfLogsTest {

  /** Attached when the class loads, before the stack below starts, so start-up is captured too. */
  private static final ListAppender<ILoggingEvent> LOGS = capture();

  private static final SigningKeys.Pem JWT_KEYS = SigningKeys.generate();
  private static final String WEBHOOK_SECRET = "webhook-master-" + UUID.randomUUID();
  private static final String MODEL_KEY = "sk-model-" + UUID.randomUUID();
  private static final String SLACK_PATH_SECRET = "slack-path-" + UUID.randomUUID();

  @RegisterExtension
  static final BankingStack STACK = new BankingStack(EventTopics.isolated()
      .put("SHPAY_ROLES", "api,user,openbanking,payment,history,chat")
      .put("SHPAY_AUTH_JWT_PRIVATE_KEY", JWT_KEYS.privateKey().reveal())
      .put("SHPAY_AUTH_JWT_PUBLIC_KEY", JWT_KEYS.publicKey())
      .put("SHPAY_WEBHOOKS_SIGNING_SECRET", WEBHOOK_SECRET)
      .put("SHPAY_CHAT_MODEL_BASE_URL", "http://127.0.0.1:9/v1")
      .put("SHPAY_CHAT_MODEL_API_KEY", MODEL_KEY)
      .put("SHPAY_SLACK_WEBHOOK_URL", "http://127.0.0.1:9/services/" + SLACK_PATH_SECRET), UnaryOperator.identity());

  private static ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LoggerContext context = root.getLoggerContext();
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
    // Everything SH Pay logs, down to debug, is captured.
    context.getLogger("io.shpay").setLevel(Level.DEBUG);
    return appender;
  }

  @AfterAll
  static void stopCapturing() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(LOGS);
    root.getLoggerContext().getLogger("io.shpay").setLevel(Level.INFO);
  }

  @Test
  void configuredAndMintedSecretsNeverReachTheLog() {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("admin password", BankingStack.ADMIN_PASSWORD);
    secrets.put("JWT private key", pemBody(JWT_KEYS.privateKey().reveal()));
    secrets.put("KFTC client secret", STACK.kftcOptions().clientSecret());
    secrets.put("NH access token", NhSandboxOptions.defaults().accessToken());
    secrets.put("token encryption key", Base64.getEncoder().encodeToString(STACK.tokenEncryptionKey()));
    secrets.put("webhook signing secret", WEBHOOK_SECRET);
    secrets.put("model API key", MODEL_KEY);
    secrets.put("Slack webhook URL", SLACK_PATH_SECRET);
    secrets.put("user password", Api.PASSWORD);
    secrets.put("wrong password", "wrong-password-123");

    // A session: sign-up, a failed and a good login, a refresh and a reused refresh token.
    String email = Api.uniqueEmail();
    await(STACK.api().signUp(email));
    await(STACK.api().login(email, "wrong-password-123"));
    JsonObject tokens = await(STACK.api().login(email, Api.PASSWORD)).bodyAsJsonObject();
    secrets.put("access token", tokens.getString("accessToken"));
    secrets.put("refresh token", tokens.getString("refreshToken"));
    HttpResponse<Buffer> rotated = await(STACK.api().post("/api/v1/auth/refresh",
        new JsonObject().put("refreshToken", tokens.getString("refreshToken"))));
    await(STACK.api().post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", tokens.getString("refreshToken"))));
    secrets.put("rotated access token", rotated.bodyAsJsonObject().getString("accessToken"));

    // A merchant, a bank link (KFTC tokens) and an NH payment (the NH token on every call).
    JsonObject merchant = await(STACK.merchant());
    secrets.put("merchant API key", merchant.getString("apiKey"));
    await(STACK.linkedUser(STACK.sandbox().bank().personIds().get(0)));
    JsonObject payer = await(STACK.userWithFinAccount(STACK.richestNhAccount()));
    await(STACK.paidCheckout(merchant, payer, 1_000));

    String everything = renderedLogs();
    assertThat(everything).as("the capture saw start-up").contains("SH Pay started with roles");
    assertThat(everything).as("the capture saw requests").contains("/api/v1/auth/refresh");
    List<String> leaked = new ArrayList<>();
    secrets.forEach((what, secret) -> {
      assertThat(secret).as(what).isNotBlank();
      if (everything.contains(secret)) {
        leaked.add(what);
      }
    });
    assertThat(leaked).as("secrets found in the log").isEmpty();
  }

  /** The base64 body of a PEM, without its armour lines and line breaks: what a leak would show. */
  private static String pemBody(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return body.substring(body.length() / 3, body.length() / 3 + 40);
  }

  private static String renderedLogs() {
    StringBuilder all = new StringBuilder();
    synchronized (LOGS) {
      for (ILoggingEvent event : LOGS.list) {
        all.append(event.getFormattedMessage()).append(' ').append(event.getKeyValuePairs()).append(' ')
            .append(event.getMDCPropertyMap());
        if (event.getThrowableProxy() != null) {
          all.append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        all.append('\n');
      }
    }
    return all.toString();
  }
}
