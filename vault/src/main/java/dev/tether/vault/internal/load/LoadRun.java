package dev.tether.vault.internal.load;

import dev.tether.core.attest.LauncherKey;
import dev.tether.core.wire.WireHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A load run against a Vault that accepts the given tokens and trusts the given launcher. */
public final class LoadRun {

  private LoadRun() {}

  /**
   * Sets {@code plan.tasks()} tasks up, then runs the warm-up and the measured phase.
   *
   * @param target how the report names the Vault, e.g. {@code embedded Vault, store memory}
   * @param loadBefore the machine's load average before the run ({@link #loadAverage()})
   * @throws WireHttp.Failure if the Vault refused a task's setup
   */
  public static LoadReport run(URI vault, String agentToken, String orchestratorToken,
      LauncherKey launcher, String target, LoadPlan plan, String loadBefore)
      throws WireHttp.Failure, InterruptedException {
    TaskSetup setup = new TaskSetup(
        vault, agentToken, orchestratorToken, launcher, plan.tool(), plan.sessionProofs());
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<LoadTask> tasks = new ArrayList<>();
    for (int i = 0; i < plan.tasks(); i++) {
      tasks.add(setup.setUp("load-" + run + "-" + i));
    }
    try (LoadDriver driver =
        new LoadDriver(vault, agentToken, plan.kind(), tasks, plan.concurrency())) {
      PhaseResult warmup = plan.warmup().isZero()
          ? PhaseResult.NONE
          : driver.run(plan.warmup().toNanos(), 0);
      PhaseResult timed = driver.run(plan.duration().toNanos(), plan.requests());
      return new LoadReport(plan, target, warmup, timed, loadBefore, loadAverage());
    }
  }

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or {@code n/a}. */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
