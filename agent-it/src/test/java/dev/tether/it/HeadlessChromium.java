package dev.tether.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local page in headless Chromium ({@code /usr/bin/chromium}), with a fresh profile each
 * time and every background fetch turned off, and hands back what it printed: the page's DOM after
 * its scripts ran, or a screenshot. A run that outlives its timeout is killed, children included.
 */
final class HeadlessChromium {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  record Run(int exitCode, String stdout, String stderr, Duration elapsed) {
    String all() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private final Path workDir;

  /** {@code workDir} holds the profiles and captured output of each run. */
  HeadlessChromium(Path workDir) {
    this.workDir = workDir;
  }

  /** Fails, saying how to install it, when Chromium is not there: the test must not skip. */
  static void requireInstalled() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError(CHROMIUM + " is missing: this test opens the demo's HTML page in"
          + " headless Chromium. Install it with: apt-get install -y chromium (sudo when not root;"
          + " .ci/run does this)");
    }
  }

  /** The DOM Chromium built for {@code page}, serialized after the page's scripts ran. */
  Run dumpDom(Path page) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", page.toUri().toString()));
  }

  /** Saves a {@code width} by {@code height} screenshot of {@code page} as PNG to {@code png}. */
  Run screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    return run(List.of("--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()));
  }

  private Run run(List<String> arguments) throws IOException, InterruptedException {
    Path runDir = Files.createTempDirectory(workDir, "chromium");
    Path profile = Files.createDirectories(runDir.resolve("profile"));
    Path out = runDir.resolve("stdout");
    Path err = runDir.resolve("stderr");
    List<String> command = new ArrayList<>(List.of(
        CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(runDir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      // The launcher script, the browser and its helpers: the whole tree goes.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("Chromium did not finish in " + TIMEOUT.toSeconds() + " s and was"
          + " killed: " + command + "\n--- stdout\n" + read(out) + "\n--- stderr\n" + read(err));
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Run(process.exitValue(), read(out), read(err), elapsed);
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
  }
}
