package io.shpay.bench;

import io.vertx.core.Future;

/** One unit of work a scenario measures: a failed future counts as an error, with its message. */
@FunctionalInterface
public interface Operation {

  /** Runs operation number {@code index} (0, 1, 2, … within a phase). Called on the load generator's event loop. */
  Future<?> run(long index);
}
