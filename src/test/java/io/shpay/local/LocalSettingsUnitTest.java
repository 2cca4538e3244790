package io.shpay.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code ./mvnw exec:java} reads from the environment. */
class LocalSettingsUnitTest {

  @Test
  void nothingSetMeansPort8080FreePortsAndFreshData() {
    LocalSettings settings = LocalSettings.from(Map.of());

    assertThat(settings).isEqualTo(new LocalSettings(8080, 0, 0, 0, 0, 0, Optional.empty()));
    assertThat(settings.dataDirOf("mariadb")).isEmpty();
  }

  @Test
  void everyServerCanBePinnedAndTheDataKept() {
    LocalSettings settings = LocalSettings.from(Map.of(
        "SHPAY_HTTP_PORT", "9000", "SHPAY_LOCAL_MYSQL_PORT", "3307", "SHPAY_LOCAL_REDIS_PORT", " 6380 ",
        "SHPAY_LOCAL_KAFKA_PORT", "9093", "SHPAY_LOCAL_KFTC_PORT", "18090", "SHPAY_LOCAL_NH_PORT", "18091",
        "SHPAY_LOCAL_DATA_DIR", "/var/tmp/shpay/../shpay-local"));

    assertThat(settings).isEqualTo(new LocalSettings(9000, 3307, 6380, 9093, 18090, 18091,
        Optional.of(Path.of("/var/tmp/shpay-local"))));
    assertThat(settings.dataDirOf("redis")).contains(Path.of("/var/tmp/shpay-local/redis"));
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    assertThatThrownBy(() -> LocalSettings.from(Map.of(
        "SHPAY_LOCAL_MYSQL_PORT", "three-three-o-seven", "SHPAY_LOCAL_NH_PORT", "70000",
        "SHPAY_LOCAL_KFTC_PORT", "9000", "SHPAY_HTTP_PORT", "9000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHPAY_LOCAL_MYSQL_PORT must be a port number (0-65535), got 'three-three-o-seven'")
        .hasMessageContaining("SHPAY_LOCAL_NH_PORT must be a port number (0-65535), got '70000'")
        .hasMessageContaining("SHPAY_HTTP_PORT and SHPAY_LOCAL_KFTC_PORT both ask for port 9000");
  }
}
