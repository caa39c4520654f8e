package dev.tether.vault.internal.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy ({@code /proc/stat}: every state but idle and iowait),
 * so that a report can say how much of it other processes took during a run: on a shared
 * machine, their builds compete with the Vault for the same cores.
 */
final class MachineCpu {

  /** Linux reports {@code /proc/stat} in USER_HZ, 100 per second on every common platform. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private MachineCpu() {}

  /** Busy CPU time of all cores since boot, in nanoseconds; -1 where unknown. */
  static long busyNanos() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu ")) {
          String[] fields = line.trim().split("\\s+");
          long busy = 0;
          for (int i = 1; i < fields.length && i <= 8; i++) {
            if (i != 4 && i != 5) { // idle, iowait
              busy += Long.parseLong(fields[i]);
            }
          }
          return busy * NANOS_PER_TICK;
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
