package dev.tether.demo;

/**
 * When each phase of a demo run began, for the start-up benchmark ({@code --timings FILE}): one
 * line per phase, its name and the wall clock in milliseconds since the epoch. The benchmark knows
 * when it started the process, so it gets the time from fork to each phase, the JVM's own start
 * and any agent's premain included. The wall clock rather than a monotonic one, because it is the
 * only clock this process shares with the one that started it. Kept in memory and written once,
 * at the end, so that keeping the times costs the run nothing it would notice.
 */
final class PhaseTimes {

  private final boolean kept;
  private final StringBuilder lines = new StringBuilder();

  private PhaseTimes(boolean kept) {
    this.kept = kept;
  }

  /** Times that are kept when {@code kept}, and otherwise not even read from the clock. */
  static PhaseTimes keptIf(boolean kept) {
    return new PhaseTimes(kept);
  }

  void mark(String phase) {
    if (kept) {
      lines.append(phase).append(' ').append(System.currentTimeMillis()).append('\n');
    }
  }

  /** The phases marked so far, one {@code name millis} line each. */
  String text() {
    return lines.toString();
  }
}
