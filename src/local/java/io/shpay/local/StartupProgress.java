package io.shpay.local;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the console shows while the local stack starts: one line when a step begins, one when it is done (with how long
 * it took), and every few seconds the steps still running, so a slow first start is never silent.
 */
final class StartupProgress implements AutoCloseable {

  private static final long REMINDER_SECONDS = 10;

  private final PrintStream out;
  private final long startedAt = System.nanoTime();
  /** Steps running now, by name, with their start time. */
  private final Map<String, Long> running = new ConcurrentSkipListMap<>();
  private final ScheduledExecutorService reminders = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "shpay-local-progress");
    thread.setDaemon(true);
    return thread;
  });

  StartupProgress(PrintStream out) {
    this.out = out;
    reminders.scheduleAtFixedRate(this::remind, REMINDER_SECONDS, REMINDER_SECONDS, TimeUnit.SECONDS);
  }

  /** A step has begun; {@link Step#done} ends it. */
  Step begin(String name, String doing) {
    running.put(name, System.nanoTime());
    print("  .. %-13s %s", name, doing);
    return new Step(name);
  }

  /** Seconds since the stack began to start. */
  double elapsedSeconds() {
    return seconds(startedAt);
  }

  private void remind() {
    if (!running.isEmpty()) {
      print("  .. still starting %s (%.0f s so far)", String.join(", ", running.keySet()), elapsedSeconds());
    }
  }

  private synchronized void print(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1_000_000_000.0;
  }

  @Override
  public void close() {
    reminders.shutdownNow();
  }

  /** One running step. */
  final class Step {

    private final String name;

    private Step(String name) {
      this.name = name;
    }

    /** The step is done: prints its time and {@code result} (where it listens, what it did). */
    void done(String result) {
      Long began = running.remove(name);
      print("  ok %-13s %5.1f s  %s", name, began == null ? 0.0 : seconds(began), result);
    }
  }
}
