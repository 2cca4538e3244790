package io.shpay.common.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class VertxGaugeNoiseFilterUnitTest {

  private final LoggerContext context = new LoggerContext();
  private final VertxGaugeNoiseFilter filter = new VertxGaugeNoiseFilter();

  @Test
  void micrometersWarningAboutAVertxGaugeIsDropped() {
    Logger registry = context.getLogger(VertxGaugeNoiseFilter.LOGGER);

    assertThat(decide(registry, Level.WARN, "This Gauge has been already registered (MeterId{name='vertx.eventbus"
        + ".handlers', tags=[]}), the registration will be ignored.")).isEqualTo(FilterReply.DENY);
  }

  @Test
  void theSameWarningForAnShPayGaugeAndEveryOtherLinePass() {
    Logger registry = context.getLogger(VertxGaugeNoiseFilter.LOGGER);
    Logger other = context.getLogger("io.shpay.payment.PaymentVerticle");
    String shpayGauge = "This Gauge has been already registered (MeterId{name='shpay.outbox.pending', tags=[]}), "
        + "the registration will be ignored.";
    String vertxGauge = "This Gauge has been already registered (MeterId{name='vertx.eventbus.handlers', tags=[]})";

    assertThat(decide(registry, Level.WARN, shpayGauge)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(other, Level.WARN, vertxGauge)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(registry, Level.ERROR, vertxGauge)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(registry, Level.WARN, null)).isEqualTo(FilterReply.NEUTRAL);
  }

  private FilterReply decide(Logger logger, Level level, String message) {
    return filter.decide(null, logger, level, message, null, null);
  }
}
