package io.shpay.sim;

import java.util.ArrayList;
import java.util.List;

/** What a run did, in the order it happened, with milliseconds since the start: printed when an invariant fails. */
final class Trace {

  private final long startNanos = System.nanoTime();
  private final List<String> lines = new ArrayList<>();

  synchronized void add(String line) {
    lines.add(String.format("%7d ms  %s", (System.nanoTime() - startNanos) / 1_000_000, line));
  }

  synchronized String text() {
    return String.join("\n", lines);
  }

  synchronized int size() {
    return lines.size();
  }
}
