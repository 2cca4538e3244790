package io.shpay.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Every log line SH Pay writes while attacked, down to debug, rendered as an operator would read it. */
final class CapturedLogs {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
    root.getLoggerContext().getLogger("io.shpay").setLevel(Level.DEBUG);
  }

  void stop() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    root.getLoggerContext().getLogger("io.shpay").setLevel(Level.INFO);
  }

  String rendered() {
    StringBuilder all = new StringBuilder();
    synchronized (appender) {
      for (ILoggingEvent event : appender.list) {
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
