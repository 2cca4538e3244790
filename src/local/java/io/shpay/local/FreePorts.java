package io.shpay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback interface. */
public final class FreePorts {

  private FreePorts() {
  }

  /**
   * Returns a TCP port that was free on 127.0.0.1 a moment ago: binds an ephemeral server socket and closes it.
   * Another process may take the port before the caller binds it; callers that can bind port 0 themselves should.
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 1);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
    }
  }
}
