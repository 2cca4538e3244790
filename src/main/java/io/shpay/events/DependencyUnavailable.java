package io.shpay.events;

/**
 * Thrown by a handler whose downstream (Slack, a merchant's server) is not answering: the consumer
 * waits it out instead of dead-lettering the event, as it does when MySQL or Redis are away.
 */
public final class DependencyUnavailable extends RuntimeException {

  public DependencyUnavailable(String message) {
    super(message, null, false, false);
  }
}
