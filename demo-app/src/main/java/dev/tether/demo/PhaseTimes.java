package dev.tether.demo;

/**
 * When each phase of a demo run began, for the start-up benchmark ({@code --timings FILE}): one
 * line per phase, its name and the wall clock in milliseconds since the epoch. The benchmark knows
 * when it started the process, so it gets the time from fork to each phase, the JVM's own start
 * and any agent's premain included. The wall clock rather than a monotonic one, because it is the
 * only clock this process shares with the one that started it. Kept in memory, and written
 * (by {@link DemoMain}, when asked to) once, at the end.
 */
final class PhaseTimes {

  private final StringBuilder lines = new StringBuilder();

  void mark(String phase) {
    lines.append(phase).append(' ').append(System.currentTimeMillis()).append('\n');
  }

  /** The phases marked so far, one {@code name millis} line each. */
  String text() {
    return lines.toString();
  }
}
