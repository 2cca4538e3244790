package io.shpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** The per-process CPU the bench reports, read from {@code /proc} of this very JVM. */
class ProcessCpuTest {

  @Test
  void readsTheJitCompilersOfAJvmOnTheirOwn() {
    long pid = ProcessHandle.current().pid();
    long compiling = ProcessCpu.compilerTicks(pid);
    // Loading JUnit and AssertJ has had C1 compile for well over one 10 ms tick in every JVM that got here.
    assertThat(compiling).as("the compiler threads' ticks").isPositive();
    assertThat(compiling).as("a part of the process's CPU").isLessThanOrEqualTo(ProcessCpu.ticks(pid));
  }

  @Test
  void aProcessThatIsNotThereHasNoCompilerTime() {
    assertThat(ProcessCpu.compilerTicks(Long.MAX_VALUE)).isZero();
  }

  @Test
  void reportsTheCompilersShareOfAPhase() {
    ProcessCpu cpu = new ProcessCpu(Map.of("this JVM", ProcessHandle.current().pid()));
    ProcessCpu.Snapshot before = cpu.snapshot();
    ProcessCpu.Snapshot later = new ProcessCpu.Snapshot(before.atNanos() + 1_000_000_000L,
        Map.of("this JVM", before.cpuNanos().get("this JVM") + 400_000_000L),
        Map.of("this JVM", before.jitNanos().get("this JVM") + 100_000_000L));

    var figures = before.perOperation(later, 1000, Map.of()).getJsonObject("processes").getJsonObject("this JVM");

    assertThat(figures.getLong("usPerOp")).isEqualTo(400);
    assertThat(figures.getLong("jitUsPerOp")).isEqualTo(100);
    assertThat(figures.getDouble("jitCores")).isEqualTo(0.1);
    assertThat(before.jitCores(later)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
  }
}
