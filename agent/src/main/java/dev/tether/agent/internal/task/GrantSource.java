package dev.tether.agent.internal.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the runtime hands the agent its task grant, read at each task boundary (not in premain):
 * {@code -Dtether.task.grant} or {@code TETHER_TASK_GRANT}, else the file named by {@code
 * -Dtether.task.grant-file} or {@code TETHER_TASK_GRANT_FILE}. A runtime that reuses a warm JVM
 * for the next task sets the next grant; the agent then drops everything of the previous task.
 */
public final class GrantSource {

  static final int MAX_GRANT_CHARS = 96 * 1024;

  /** Whether the runtime has said where the grant is (it may still be unreadable). */
  public boolean isAvailable() {
    return first(System.getProperty("tether.task.grant"), System.getenv("TETHER_TASK_GRANT")) != null
        || first(System.getProperty("tether.task.grant-file"), System.getenv("TETHER_TASK_GRANT_FILE"))
            != null;
  }

  /** The grant's text. @throws TaskUnavailable naming what to set, or why the file is unreadable */
  public String read() throws TaskUnavailable {
    String grant = first(System.getProperty("tether.task.grant"), System.getenv("TETHER_TASK_GRANT"));
    if (grant != null) {
      return grant.strip();
    }
    String file =
        first(System.getProperty("tether.task.grant-file"), System.getenv("TETHER_TASK_GRANT_FILE"));
    if (file == null) {
      throw new TaskUnavailable(
          "no task grant: the orchestrator must hand one to the runtime as TETHER_TASK_GRANT (or"
              + " -Dtether.task.grant, or a file named by TETHER_TASK_GRANT_FILE)", false);
    }
    try {
      Path path = Path.of(file);
      if (Files.size(path) > MAX_GRANT_CHARS) {
        throw new TaskUnavailable(
            "the task grant file " + file + " is larger than " + MAX_GRANT_CHARS
                + " bytes; it must hold one grant", false);
      }
      return Files.readString(path, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new TaskUnavailable(
          "cannot read the task grant file " + file + " (" + e.getClass().getSimpleName()
              + "); check TETHER_TASK_GRANT_FILE and the file's permissions", false);
    }
  }

  private static String first(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }
}
