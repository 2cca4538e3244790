package io.shpay.common.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops Micrometer's "This Gauge has been already registered" warning for Vert.x's own gauges ({@code vertx.*}).
 *
 * <p>vertx-micrometer-metrics builds a new gauge object each time it counts, say, a second event-bus handler under the
 * same meter id; the counts live in one shared adder that the first gauge already reads, so Micrometer keeping the
 * first gauge and ignoring the second is exactly right. It still warns once per process, which reads like a bug in
 * SH Pay. Every other warning, including this one for SH Pay's own meters, passes.
 */
public final class VertxGaugeNoiseFilter extends TurboFilter {

  static final String LOGGER = "io.micrometer.core.instrument.MeterRegistry";
  private static final String PREFIX = "This Gauge has been already registered (MeterId{name='vertx.";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null && level == Level.WARN && LOGGER.equals(logger.getName()) && format.startsWith(PREFIX)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
