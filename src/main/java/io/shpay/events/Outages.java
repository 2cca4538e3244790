package io.shpay.events;

import io.vertx.core.VertxException;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a dependency being away (MySQL, Redis or Kafka not answering) from an event the handler
 * cannot take. The first is waited out; only the second may send an event to the dead letters.
 */
final class Outages {

  private Outages() {}

  static boolean isOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DependencyUnavailable
          || cause instanceof ConnectException
          || cause instanceof ClosedChannelException
          || cause instanceof TimeoutException
          || cause instanceof io.vertx.sqlclient.ClosedConnectionException
          || cause instanceof io.vertx.core.http.HttpClosedException
          || cause instanceof org.apache.kafka.common.errors.RetriableException) {
        return true;
      }
      if (cause instanceof VertxException && String.valueOf(cause.getMessage()).toLowerCase().contains("connection")) {
        return true;
      }
    }
    return false;
  }
}
