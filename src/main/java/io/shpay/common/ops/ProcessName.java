package io.shpay.common.ops;

import java.util.UUID;

/**
 * A name for this running process that operators can recognise: the host (the pod name on
 * Kubernetes) plus a short random part, so two processes on one host, or two in one test JVM,
 * are told apart.
 */
public final class ProcessName {

  private ProcessName() {}

  public static String next() {
    String host = System.getenv().getOrDefault("HOSTNAME", "shpay");
    String name = host + "/" + UUID.randomUUID().toString().substring(0, 8);
    return name.length() <= 64 ? name : name.substring(name.length() - 64);
  }
}
