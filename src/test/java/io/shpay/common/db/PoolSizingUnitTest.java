package io.shpay.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.shpay.common.config.ShpayConfig;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;

/** How many requests a pool lets wait, whatever its own share of the process's connections. */
class PoolSizingUnitTest {

  @Test
  void aSmallPoolLetsAsManyWaitAsTheProcessTakes() {
    ShpayConfig.Mysql config = new ShpayConfig.Mysql("mysql://localhost/shpay", Optional.empty(), 16, false);

    PoolOptions fourConnections = Database.sized(new PoolOptions(), 4, config);
    PoolOptions sixteen = Database.sized(new PoolOptions(), 16, config);

    assertThat(fourConnections.getMaxSize()).isEqualTo(4);
    // Was 64 per connection: a payment instance's pool of 4 refused pays beyond 256 waiting, at 1,000/s offered.
    assertThat(fourConnections.getMaxWaitQueueSize()).isEqualTo(16 * 64);
    assertThat(sixteen.getMaxWaitQueueSize()).isEqualTo(16 * 64);
  }
}
