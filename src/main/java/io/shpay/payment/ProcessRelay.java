package io.shpay.payment;

/**
 * The one outbox relay of a process whose payment verticle runs as several instances: the first instance's. Every
 * instance's commits wake it ({@link OutboxRelay#wake} hops to its event loop), and only it polls. With a relay per
 * instance, a relay woken while another held the turn would skip its round, and its event would wait for the next
 * poll; with one, wake-ups during a round coalesce into the next round as they do with one instance. Relays of other
 * processes still take turns with it through the turn row.
 */
public final class ProcessRelay {

  private OutboxRelay relay;

  /** The process's relay: {@code own} if it is the first to ask. */
  synchronized OutboxRelay claim(OutboxRelay own) {
    if (relay == null) {
      relay = own;
    }
    return relay;
  }
}
