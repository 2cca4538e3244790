package io.shpay.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the two warnings the embedded Kafka broker prints on every clean run of the local stack, which say nothing is
 * wrong: a freshly formatted controller "appending bootstrap records" to its empty metadata log, and the broker closing
 * its controller channel twice while it shuts down. Any other Kafka warning passes.
 */
public final class EmbeddedBrokerNoiseFilter extends TurboFilter {

  private static final List<String> HARMLESS = List.of(
      "Performing controller activation. The metadata log appears to be empty.",
      "Attempting to close NetworkClient that has already been closed.");

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN || format == null || !logger.getName().startsWith("org.apache.kafka.")) {
      return FilterReply.NEUTRAL;
    }
    for (String message : HARMLESS) {
      if (format.contains(message)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
