package io.shpay.api;

import java.time.Duration;
import io.shpay.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.shpay.testing.Api;
import io.shpay.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The configured administrator is created at start-up, never promoted from an account someone signed up. */
class AdminSeedingTest {

  private static final String ADMIN_PASSWORD = "seeded admin password";
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Logger seeder = (Logger) LoggerFactory.getLogger("io.shpay.user.AdminSeeder");
    LOGS.setContext(seeder.getLoggerContext());
    LOGS.start();
    seeder.addAppender(LOGS);
  }

  @AfterAll
  static void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger("io.shpay.user.AdminSeeder")).detachAppender(LOGS);
    await(vertx.close());
  }

  @Test
  void anAccountSignedUpWithTheAdminEmailIsNotPromotedAndTheRefusalIsLogged() throws Exception {
    String email = Api.uniqueEmail();
    TestApp first = await(TestApp.start());
    int signedUp = await(new Api(vertx, first).signUp(email)).statusCode();
    await(first.close());
    assertThat(signedUp).isEqualTo(201);

    TestApp seeded = await(TestApp.start(adminConfig(email)));
    try {
      Api api = new Api(vertx, seeded);
      String token = await(api.login(email, Api.PASSWORD)).bodyAsJsonObject().getString("accessToken");
      JsonObject me = await(api.get("/api/v1/users/me", token)).bodyAsJsonObject();
      assertThat(me.getString("role")).isEqualTo("USER");
      assertThat(await(api.request(HttpMethod.PUT, "/api/v1/admin/users/" + me.getString("id") + "/role")
          .bearerTokenAuthentication(token).sendJsonObject(new JsonObject().put("role", "ADMIN"))).statusCode())
          .as("an admin-only route").isEqualTo(403);
      assertThat(await(api.login(email, ADMIN_PASSWORD)).statusCode()).as("the config password is no way in")
          .isEqualTo(401);
    } finally {
      await(seeded.close());
    }
    assertThat(LOGS.list).anySatisfy(event -> {
      assertThat(event.getLevel()).isEqualTo(Level.ERROR);
      assertThat(event.getFormattedMessage()).contains("Not seeding administrator " + email)
          .contains("role USER").contains("never promotes").doesNotContain(ADMIN_PASSWORD);
    });
  }

  @Test
  void aSeededAdministratorStaysAdministratorAcrossRestarts() throws Exception {
    String email = Api.uniqueEmail();
    await(await(TestApp.start(adminConfig(email))).close());
    int errorsBefore = (int) LOGS.list.stream().filter(event -> event.getLevel() == Level.ERROR).count();

    TestApp restarted = await(TestApp.start(adminConfig(email)));
    try {
      Api api = new Api(vertx, restarted);
      String token = await(api.login(email, ADMIN_PASSWORD)).bodyAsJsonObject().getString("accessToken");
      assertThat(await(api.get("/api/v1/users/me", token)).bodyAsJsonObject().getString("role")).isEqualTo("ADMIN");
    } finally {
      await(restarted.close());
    }
    assertThat(LOGS.list.stream().filter(event -> event.getLevel() == Level.ERROR)).hasSize(errorsBefore);
  }

  private static JsonObject adminConfig(String email) {
    return new JsonObject().put("SHPAY_ADMIN_EMAIL", email).put("SHPAY_ADMIN_PASSWORD", ADMIN_PASSWORD);
  }

  private static <T> T await(Future<T> future) {
    return Await.await(future, Duration.ofSeconds(120));
  }
}
