package dev.tether.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Maven run from a test, as the Maven running the build, with its local repository: offline
 * first (from what the local repository holds), then online when that fails.
 */
final class NestedMaven {

  private NestedMaven() {}

  /**
   * Runs Maven with {@code arguments}, its output in {@code log}.
   *
   * @param what what the run does, for messages (e.g. "resolving spring-ai 1.0.0")
   * @param directory the working directory, or {@code null} for this one
   * @param produced a file a run must leave non-empty to count as done, or {@code null}
   * @throws AssertionError when both runs fail (with the log), or one takes over 10 minutes
   */
  static void run(String what, Path directory, List<String> arguments, Path log, Path produced)
      throws IOException, InterruptedException {
    if (!attempt(what, directory, arguments, log, produced, true)
        && !attempt(what, directory, arguments, log, produced, false)) {
      throw new AssertionError(
          what + " failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static boolean attempt(
      String what, Path directory, List<String> arguments, Path log, Path produced, boolean offline)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(maven(), "-q", "-B"));
    if (offline) {
      command.add("-o");
    }
    String repository = System.getProperty("tether.it.maven.repo");
    if (repository != null && !repository.startsWith("${")) {
      command.add("-Dmaven.repo.local=" + repository);
    }
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process maven = builder.start();
    maven.getOutputStream().close();
    if (!maven.waitFor(10, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      throw new AssertionError(what + " took over 10 minutes: " + command);
    }
    return maven.exitValue() == 0 && (produced == null || Files.size(produced) > 0);
  }

  /** The Maven running the build, else {@code mvn} from the PATH. */
  private static String maven() {
    String home = System.getProperty("tether.it.maven.home");
    if (home != null && !home.startsWith("${")) {
      Path mvn = Paths.get(home, "bin", "mvn");
      if (Files.isExecutable(mvn)) {
        return mvn.toString();
      }
    }
    return "mvn";
  }
}
