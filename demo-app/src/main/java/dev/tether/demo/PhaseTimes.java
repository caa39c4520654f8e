package dev.tether.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When each phase of a demo run began, for the start-up benchmark ({@code --timings FILE}): one
 * line per phase, its name and the wall clock in milliseconds since the epoch. The benchmark knows
 * when it started the process, so it gets the time from fork to each phase, the JVM's own start
 * and any agent's premain included. The wall clock rather than a monotonic one, because it is the
 * only clock this process shares with the one that started it. Written once, at the end, so that
 * keeping the times costs the run nothing it would notice.
 */
final class PhaseTimes {

  private final Path file;
  private final StringBuilder lines = new StringBuilder();

  private PhaseTimes(Path file) {
    this.file = file;
  }

  /** Times that go to {@code file}; with {@code null}, times that are kept nowhere. */
  static PhaseTimes to(Path file) {
    return new PhaseTimes(file);
  }

  void mark(String phase) {
    if (file != null) {
      lines.append(phase).append(' ').append(System.currentTimeMillis()).append('\n');
    }
  }

  /** Writes the phases marked so far; says on {@code err} if it cannot. */
  boolean write(PrintStream err) {
    if (file == null) {
      return true;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, lines, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      err.println("Could not write the phase times to " + file + ": " + e);
      return false;
    }
  }
}
