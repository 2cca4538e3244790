package io.shpay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.shpay.testing.Api;
import io.shpay.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Passwords and tokens pass through every layer of a session's life and must appear in no log line. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SecretsStayOutOfLogsTest {

  private static final String ADMIN_PASSWORD = "admin-secret-in-config";

  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp(() -> new JsonObject()
      .put("SHPAY_ADMIN_EMAIL", Api.uniqueEmail()).put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD));

  @BeforeAll
  static void captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LoggerContext context = root.getLoggerContext();
    LOGS.setContext(context);
    LOGS.start();
    root.addAppender(LOGS);
    // Everything SH Pay logs, down to debug, is captured.
    context.getLogger("io.shpay").setLevel(ch.qos.logback.classic.Level.DEBUG);
  }

  @AfterAll
  static void stopCapturing() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(LOGS);
    root.getLoggerContext().getLogger("io.shpay").setLevel(ch.qos.logback.classic.Level.INFO);
  }

  @Test
  void aSessionsPasswordsAndTokensNeverReachTheLog(VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    List<String> secrets = new ArrayList<>(List.of(Api.PASSWORD, ADMIN_PASSWORD, "wrong-password-123"));
    SHPAY.api().signUp(email)
        .compose(created -> SHPAY.api().login(email, "wrong-password-123"))
        .compose(failed -> SHPAY.api().login(email, Api.PASSWORD))
        .compose(login -> {
          JsonObject tokens = login.bodyAsJsonObject();
          secrets.add(tokens.getString("accessToken"));
          secrets.add(tokens.getString("refreshToken"));
          return SHPAY.api().post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", tokens.getString("refreshToken")))
              .compose(rotated -> SHPAY.api().post("/api/v1/auth/refresh",
                  new JsonObject().put("refreshToken", tokens.getString("refreshToken"))).map(rotated));
        })
        .onComplete(ctx.succeeding(rotated -> ctx.verify(() -> {
          secrets.add(rotated.bodyAsJsonObject().getString("accessToken"));
          String everything = renderedLogs();
          assertThat(everything).contains("/api/v1/auth/refresh"); // the capture works
          for (String secret : secrets) {
            assertThat(everything).doesNotContain(secret);
          }
          ctx.completeNow();
        })));
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
