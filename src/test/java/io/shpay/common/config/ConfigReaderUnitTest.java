package io.shpay.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Typed reads of the merged configuration: a YAML tree plus SHPAY_* variables, which win. */
class ConfigReaderUnitTest {

  @Test
  void everyKeyHasOneVariableName() {
    assertThat(ConfigReader.envName("http.port")).isEqualTo("SHPAY_HTTP_PORT");
    assertThat(ConfigReader.envName("auth.accessTokenTtl")).isEqualTo("SHPAY_AUTH_ACCESS_TOKEN_TTL");
    assertThat(ConfigReader.envName("kafka.paymentEventsTopic")).isEqualTo("SHPAY_KAFKA_PAYMENT_EVENTS_TOPIC");
  }

  @Test
  void theVariableWinsOverTheFileValue() {
    ConfigReader reader = new ConfigReader(new JsonObject()
        .put("http", new JsonObject().put("port", 8080).put("host", "0.0.0.0"))
        .put("SHPAY_HTTP_PORT", "9090"));

    assertThat(reader.integer("http.port", 0, 65_535)).isEqualTo(9090);
    assertThat(reader.string("http.host")).isEqualTo("0.0.0.0");
  }

  @Test
  void valuesAreReadInTheirOwnForms() {
    ConfigReader reader = new ConfigReader(new JsonObject()
        .put("SHPAY_A_TTL", "PT15M")
        .put("SHPAY_A_SECONDS", "90")
        .put("SHPAY_A_FLAG", "Yes")
        .put("SHPAY_A_URL", "https://openapi.example.com/")
        .put("SHPAY_A_ROLES", " api, history ,")
        .put("a", new JsonObject().put("list", new JsonArray().add("x").add(" y "))));

    assertThat(reader.duration("a.ttl", Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(15));
    assertThat(reader.duration("a.seconds", Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(90));
    assertThat(reader.bool("a.flag")).isTrue();
    assertThat(reader.url("a.url")).isEqualTo("https://openapi.example.com");
    assertThat(reader.list("a.roles")).containsExactly("api", "history");
    assertThat(reader.list("a.list")).containsExactly("x", "y");
    assertThat(reader.optionalString("a.missing")).isEmpty();
  }

  @Test
  void aBadValueIsRefusedNamingTheKeyItsVariableAndTheValue() {
    ConfigReader reader = new ConfigReader(new JsonObject()
        .put("SHPAY_HTTP_PORT", "70000")
        .put("SHPAY_HTTP_HOST", "")
        .put("SHPAY_AUTH_ACCESS_TOKEN_TTL", "15 minutes")
        .put("SHPAY_KFTC_BASE_URL", "ftp://bank")
        .put("SHPAY_AUTH_GENERATE_SIGNING_KEY", "maybe"));

    // Every bad value is recorded and reading goes on, so one start reports them all together.
    reader.integer("http.port", 1, 65_535);
    reader.string("http.host");
    reader.duration("auth.accessTokenTtl", Duration.ZERO, Duration.ofHours(1));
    reader.url("kftc.baseUrl");
    reader.bool("auth.generateSigningKey");

    assertThatThrownBy(reader::failIfAnyProblem).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("5 configuration problems; fix them all, then start again:")
        .hasMessageContaining("Configuration key 'http.port' (env SHPAY_HTTP_PORT) must be between 1 and 65535, got 70000")
        .hasMessageContaining("'http.host'").hasMessageContaining("is required")
        .hasMessageContaining("SHPAY_AUTH_ACCESS_TOKEN_TTL").hasMessageContaining("'15 minutes'")
        .hasMessageContaining("'ftp://bank'")
        .hasMessageContaining("'maybe'");
  }
}
