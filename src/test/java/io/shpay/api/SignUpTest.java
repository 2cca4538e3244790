package io.shpay.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.testing.Api;
import io.shpay.testing.RunningApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.TimeUnit;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SignUpTest {

  @RegisterExtension
  static final RunningApp SHPAY = new RunningApp();

  @Test
  void aNewUserIsCreatedWithTheUserRoleAndNoPasswordInTheResponse(VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    SHPAY.api().signUp(email).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.getHeader("Location")).isEqualTo("/api/v1/users/me");
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getString("id")).isNotBlank();
      assertThat(body.getString("email")).isEqualTo(email);
      assertThat(body.getString("role")).isEqualTo("USER");
      assertThat(body.fieldNames()).doesNotContain("password", "passwordHash");
      ctx.completeNow();
    })));
  }

  @Test
  void thePasswordIsStoredAsAnArgon2idHashNeverInPlainText(Vertx vertx, VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    var pool = MySQLBuilder.pool().connectingTo(SHPAY.app().app().config().mysql().uri()).using(vertx).build();
    SHPAY.api().signUp(email)
        .compose(created -> pool.preparedQuery("SELECT password_hash FROM users WHERE email = ?").execute(Tuple.of(email)))
        .eventually(pool::close)
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          String hash = rows.iterator().next().getString("password_hash");
          assertThat(hash).startsWith("$argon2id$").doesNotContain(Api.PASSWORD);
          ctx.completeNow();
        })));
  }

  @Test
  void aSecondAccountWithTheSameEmailInAnyCaseIsRefusedWith409(VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    SHPAY.api().signUp(email)
        .compose(first -> SHPAY.api().signUp(email.toUpperCase()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(409);
          assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
          assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("email_taken");
          ctx.completeNow();
        })));
  }

  @Test
  void concurrentSignUpsWithOneEmailCreateExactlyOneAccount(VertxTestContext ctx) {
    String email = Api.uniqueEmail();
    List<Future<HttpResponse<Buffer>>> attempts = java.util.stream.IntStream.range(0, 5)
        .mapToObj(i -> SHPAY.api().signUp(email)).toList();
    Future.all(attempts).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<Integer> statuses = attempts.stream().map(f -> f.result().statusCode()).toList();
      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
      ctx.completeNow();
    })));
  }

  @Test
  void everyInvalidFieldIsNamedInOneProblem(VertxTestContext ctx) {
    JsonObject body = new JsonObject()
        .put("email", "not-an-email")
        .put("name", "")
        .put("password", "short")
        .put("isAdmin", true);
    SHPAY.api().post("/api/v1/users", body).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(400);
      JsonObject problem = response.bodyAsJsonObject();
      assertThat(problem.getString("code")).isEqualTo("validation_failed");
      assertThat(problem.getString("type")).isEqualTo("urn:shpay:problem:validation_failed");
      assertThat(fieldsOf(problem)).containsExactlyInAnyOrder("email", "name", "password", "isAdmin");
      assertThat(problem.encode()).doesNotContain("short");
      ctx.completeNow();
    })));
  }

  @Test
  void aPasswordOfNineCharactersIsTooShortAndTenIsEnough(VertxTestContext ctx) {
    JsonObject nine = new JsonObject().put("email", Api.uniqueEmail()).put("name", "Lee").put("password", "123456789");
    JsonObject ten = new JsonObject().put("email", Api.uniqueEmail()).put("name", "Lee").put("password", "1234567890");
    SHPAY.api().post("/api/v1/users", nine).compose(first -> SHPAY.api().post("/api/v1/users", ten).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(400);
          assertThat(fieldsOf(responses.get(0).bodyAsJsonObject())).containsExactly("password");
          assertThat(responses.get(0).bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message"))
              .contains("at least 10");
          assertThat(responses.get(1).statusCode()).isEqualTo(201);
          ctx.completeNow();
        })));
  }

  @Test
  void missingFieldsAndWrongTypesAreNamed(VertxTestContext ctx) {
    JsonObject body = new JsonObject().put("email", 42).put("password", List.of("a"));
    SHPAY.api().post("/api/v1/users", body).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(400);
      JsonObject problem = response.bodyAsJsonObject();
      assertThat(problem.getJsonArray("errors").stream().map(JsonObject.class::cast)
          .map(e -> e.getString("field") + " " + e.getString("message")))
          .containsExactlyInAnyOrder("email must be a string", "name is required", "password must be a string");
      ctx.completeNow();
    })));
  }

  static List<String> fieldsOf(JsonObject problem) {
    return problem.getJsonArray("errors").stream().map(JsonObject.class::cast).map(e -> e.getString("field")).toList();
  }
}
